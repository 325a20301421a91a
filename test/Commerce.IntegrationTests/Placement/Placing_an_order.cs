using System.Net;
using Commerce.Api.Gateways;
using Commerce.Domain.Payments;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Placement;

/// <summary>PATCH /api/orders/:id with _place: success, declines, gateway failures and timeouts, retries, races, atomicity.</summary>
public sealed class Placing_an_order : ApiFixture
{
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Payments:GatewayTimeoutSeconds"] = "1" };

    private TestPaymentGateway Gateway => Factory.Services.GetRequiredService<TestPaymentGateway>();

    private CheckoutBuilder Checkout() => new(Api);

    [Test]
    public async Task Can_place_order_with_a_card_token()
    {
        var order = await Checkout().WithItem(DemoSkus.Tshirt, 2).PaidByCard("tok_visa").BuildAsync();
        var total = (await Api.OrderAsync(order.Id))["total_amount_cents"]!.GetValue<long>();

        var response = await Api.PlaceAsync(order.Id);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        var placed = response.Attributes;
        Assert.That(placed.Text("status"), Is.EqualTo("placed"));
        Assert.That(placed.Text("payment_status"), Is.EqualTo("authorized"));
        Assert.That(placed["number"]!.GetValue<long>(), Is.Positive);
        Assert.That(placed.Text("placed_at"), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));
        Assert.That(placed["placeable"]!.GetValue<bool>(), Is.False);
        Assert.That(placed["editable"]!.GetValue<bool>(), Is.False);
        Assert.That(placed.AsObject().Any(p => p.Key.StartsWith('_')), Is.False, "triggers are never returned");
        var authorizations = await Api.RelatedAsync(order.Id, "authorizations");
        Assert.That(authorizations, Has.Count.EqualTo(1));
        Assert.That(authorizations[0]!["attributes"]!.Text("status"), Is.EqualTo("succeeded"));
        Assert.That(authorizations[0]!["attributes"]!["succeeded"]!.GetValue<bool>(), Is.True);
        Assert.That(authorizations[0]!["attributes"]!["amount_cents"]!.GetValue<long>(), Is.EqualTo(total));
        Assert.That(total, Is.EqualTo(2 * 2900 + 700), "two T-shirts and Standard shipping, taxes included");
        Assert.That((await Api.OrderAsync(order.Id)).Text("status"), Is.EqualTo("placed"), "the placement was saved");
    }

    [Test]
    public async Task Placed_orders_get_distinct_increasing_numbers()
    {
        var first = await Api.PlaceAsync((await Checkout().BuildAsync()).Id);
        var second = await Api.PlaceAsync((await Checkout().BuildAsync()).Id);

        Assert.That(second.Attributes["number"]!.GetValue<long>(), Is.GreaterThan(first.Attributes["number"]!.GetValue<long>()));
    }

    [Test]
    public async Task Can_place_order_with_wire_transfer()
    {
        var order = await Checkout().PaidByWireTransfer().BuildAsync();
        var calls = Gateway.AuthorizeCalls;

        var response = await Api.PlaceAsync(order.Id);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Attributes.Text("status"), Is.EqualTo("placed"));
        Assert.That(response.Attributes.Text("payment_status"), Is.EqualTo("authorized"));
        Assert.That(Gateway.AuthorizeCalls, Is.EqualTo(calls), "wire transfers need no gateway");
        var authorizations = await Api.RelatedAsync(order.Id, "authorizations");
        Assert.That(authorizations.Select(a => a!["attributes"]!.Text("status")), Is.EqualTo(new[] { "succeeded" }));
    }

    [Test]
    public async Task A_zero_total_order_is_placed_free_without_asking_the_gateway()
    {
        var code = Unique("FREE");
        var sku = await Api.PostAsync("skus", Document("skus", new { code, name = "Free e-book", do_not_ship = true }));
        Assert.That(sku.Status, Is.EqualTo(HttpStatusCode.Created), sku.ToString());
        Assert.That((await Api.PostAsync("prices", Document("prices", new { currency_code = "EUR", amount_cents = 0 }, new { sku = ToOne("skus", sku.Id) }))).Status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await Api.PostAsync("stock_items", Document("stock_items", new { quantity = 10 }, new { sku = ToOne("skus", sku.Id) }))).Status, Is.EqualTo(HttpStatusCode.Created));
        var order = await Checkout().WithItem(code).WithoutShippingAddress().WithoutShippingMethod().PaidByCard().BuildAsync();
        var calls = Gateway.AuthorizeCalls;

        var response = await Api.PlaceAsync(order.Id);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Attributes["total_amount_cents"]!.GetValue<long>(), Is.Zero);
        Assert.That(response.Attributes.Text("payment_status"), Is.EqualTo("free"));
        Assert.That(Gateway.AuthorizeCalls, Is.EqualTo(calls));
    }

    [Test]
    public async Task A_declined_card_is_422_and_the_order_stays_pending_and_unpaid()
    {
        var order = await Checkout().PaidByCard("tok_chargeDeclined").BuildAsync();

        var response = await Api.PlaceAsync(order.Id);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), response.ToString());
        Assert.That(response.Errors, Has.Count.EqualTo(1));
        Assert.That(response.Error.Text("code"), Is.EqualTo("PAYMENT_DECLINED"));
        Assert.That(response.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/payment_source" }));
        Assert.That(response.ToString(), Does.Not.Contain("tok_chargeDeclined"), "tokens never appear in responses");
        var after = await Api.OrderAsync(order.Id);
        Assert.That(after.Text("status"), Is.EqualTo("pending"));
        Assert.That(after.Text("payment_status"), Is.EqualTo("unpaid"));
        Assert.That(after["number"], Is.Null);
        Assert.That(after["placed_at"], Is.Null);
        var authorizations = await Api.RelatedAsync(order.Id, "authorizations");
        Assert.That(authorizations, Has.Count.EqualTo(1));
        var failed = authorizations[0]!["attributes"]!;
        Assert.That(failed.Text("status"), Is.EqualTo("failed"));
        Assert.That(failed["succeeded"]!.GetValue<bool>(), Is.False);
        Assert.That(failed.Text("error_code"), Is.EqualTo("PAYMENT_DECLINED"));
        Assert.That(failed.Text("message"), Does.Contain("declined"));
    }

    [Test]
    public async Task A_gateway_error_is_502_and_no_money_is_held()
    {
        var order = await Checkout().PaidByCard("tok_gatewayError").BuildAsync();
        var open = Gateway.OpenAuthorizations;

        var response = await Api.PlaceAsync(order.Id);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadGateway), response.ToString());
        Assert.That(response.Error.Text("code"), Is.EqualTo("PAYMENT_GATEWAY_ERROR"));
        Assert.That(response.Error.Text("status"), Is.EqualTo("502"));
        var after = await Api.OrderAsync(order.Id);
        Assert.That(after.Text("status"), Is.EqualTo("pending"));
        Assert.That(after.Text("payment_status"), Is.EqualTo("unpaid"));
        Assert.That(Gateway.OpenAuthorizations, Is.EqualTo(open), "the gateway holds no new authorization");
        var authorizations = await Api.RelatedAsync(order.Id, "authorizations");
        Assert.That(authorizations.Select(a => a!["attributes"]!.Text("status")), Is.EqualTo(new[] { "failed" }));
    }

    [Test]
    public async Task A_gateway_that_does_not_answer_in_time_is_502_and_nothing_is_left_authorized()
    {
        var order = await Checkout().PaidByCard("tok_timeout").BuildAsync();
        var open = Gateway.OpenAuthorizations;
        var started = DateTime.UtcNow;

        var response = await Api.PlaceAsync(order.Id);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadGateway), response.ToString());
        Assert.That(response.Error.Text("code"), Is.EqualTo("PAYMENT_GATEWAY_ERROR"));
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(10)), "the 1 s timeout applies");
        // The gateway's call has ended (cancelled, or run to its own 2 s delay): nothing can be recorded late after that.
        var ended = await Eventually.TrueAsync(() => Task.FromResult(Gateway.AuthorizationsInFlight == 0));
        Assert.That(ended, Is.True, "the gateway's call ended");
        Assert.That(Gateway.OpenAuthorizations, Is.EqualTo(open), "nothing was authorized, not even late");
        var after = await Api.OrderAsync(order.Id);
        Assert.That(after.Text("status"), Is.EqualTo("pending"));
        Assert.That(after.Text("payment_status"), Is.EqualTo("unpaid"));
        var authorizations = await Api.RelatedAsync(order.Id, "authorizations");
        Assert.That(authorizations.Select(a => a!["attributes"]!.Text("status")), Is.Not.Empty.And.All.EqualTo("failed"));
    }

    [Test]
    public async Task A_placement_may_be_retried_after_a_gateway_error_with_a_new_token()
    {
        var order = await Checkout().PaidByCard("tok_gatewayError").BuildAsync();
        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.BadGateway));

        var changed = await Api.PatchAsync($"external_payments/{order.PaymentSourceId}",
            Document("external_payments", new { payment_source_token = "tok_visa" }, id: order.PaymentSourceId));
        var retried = await Api.PlaceAsync(order.Id);

        Assert.That(changed.Status, Is.EqualTo(HttpStatusCode.OK), changed.ToString());
        Assert.That(retried.Status, Is.EqualTo(HttpStatusCode.OK), retried.ToString());
        Assert.That(retried.Attributes.Text("status"), Is.EqualTo("placed"));
        var authorizations = await Api.RelatedAsync(order.Id, "authorizations");
        Assert.That(authorizations.Select(a => a!["attributes"]!.Text("status")), Is.EquivalentTo(new[] { "failed", "succeeded" }));
    }

    [Test]
    public async Task A_placement_may_be_retried_after_a_timeout()
    {
        var order = await Checkout().PaidByCard("tok_timeout").BuildAsync();
        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.BadGateway));
        await Api.PatchAsync($"external_payments/{order.PaymentSourceId}",
            Document("external_payments", new { payment_source_token = "tok_visa" }, id: order.PaymentSourceId));

        var retried = await Api.PlaceAsync(order.Id);

        Assert.That(retried.Status, Is.EqualTo(HttpStatusCode.OK), retried.ToString());
        Assert.That(retried.Attributes.Text("payment_status"), Is.EqualTo("authorized"));
    }

    [Test]
    public async Task Placing_twice_in_a_row_is_refused_the_second_time()
    {
        var order = await Checkout().BuildAsync();
        var first = await Api.PlaceAsync(order.Id);
        var calls = Gateway.AuthorizeCalls;

        var second = await Api.PlaceAsync(order.Id);

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.ToString());
        Assert.That(second.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), second.ToString());
        Assert.That(second.ErrorPointers, Does.Contain("/data/attributes/status"));
        Assert.That(Gateway.AuthorizeCalls, Is.EqualTo(calls));
        Assert.That(await Api.RelatedAsync(order.Id, "authorizations"), Has.Count.EqualTo(1));
        Assert.That((await Api.OrderAsync(order.Id))["number"]!.GetValue<long>(), Is.EqualTo(first.Attributes["number"]!.GetValue<long>()));
    }

    [Test]
    public async Task Placing_concurrently_succeeds_once_and_authorizes_once()
    {
        var order = await Checkout().BuildAsync();
        var calls = Gateway.AuthorizeCalls;

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Api.PlaceAsync(order.Id))));

        Assert.That(responses.Count(r => r.Status == HttpStatusCode.OK), Is.EqualTo(1), string.Join("\n", responses.Select(r => r.ToString())));
        Assert.That(responses.Where(r => r.Status != HttpStatusCode.OK).Select(r => r.Status),
            Is.Not.Empty.And.All.AnyOf(HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity), string.Join("\n", responses.Select(r => r.ToString())));
        Assert.That(responses.Where(r => r.Status == HttpStatusCode.Conflict).Select(r => r.Error.Text("code")), Is.All.EqualTo("CONFLICT"));
        Assert.That(Gateway.AuthorizeCalls - calls, Is.EqualTo(1));
        Assert.That(await Api.RelatedAsync(order.Id, "authorizations"), Has.Count.EqualTo(1));
        Assert.That((await Api.OrderAsync(order.Id)).Text("status"), Is.EqualTo("placed"));
    }

    [Test]
    public async Task An_attribute_sent_with_a_place_that_is_declined_is_not_saved()
    {
        var order = await Checkout().WithEmail("old@example.com").PaidByCard("tok_chargeDeclined").BuildAsync();

        var response = await Api.PlaceAsync(order.Id, new { customer_email = "new@example.com", reference = "REF-1" });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), response.ToString());
        var after = await Api.OrderAsync(order.Id);
        Assert.That(after.Text("customer_email"), Is.EqualTo("old@example.com"));
        Assert.That(after["reference"], Is.Null);
    }

    [Test]
    public async Task An_attribute_sent_with_a_place_whose_preconditions_fail_is_not_saved()
    {
        var order = await Checkout().WithEmail("old@example.com").WithoutBillingAddress().BuildAsync();

        var response = await Api.PlaceAsync(order.Id, new { customer_email = "new@example.com" });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), response.ToString());
        Assert.That(response.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/billing_address" }));
        Assert.That((await Api.OrderAsync(order.Id)).Text("customer_email"), Is.EqualTo("old@example.com"));
    }

    [Test]
    public async Task An_attribute_sent_with_a_place_that_fails_at_the_gateway_is_not_saved()
    {
        var order = await Checkout().WithEmail("old@example.com").PaidByCard("tok_gatewayError").BuildAsync();

        var response = await Api.PlaceAsync(order.Id, new { customer_email = "new@example.com" });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadGateway), response.ToString());
        Assert.That((await Api.OrderAsync(order.Id)).Text("customer_email"), Is.EqualTo("old@example.com"));
    }

    [Test]
    public async Task An_attribute_sent_with_a_successful_place_is_saved()
    {
        var order = await Checkout().WithEmail(null).BuildAsync();

        var response = await Api.PlaceAsync(order.Id, new { customer_email = "new@example.com" });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Attributes.Text("customer_email"), Is.EqualTo("new@example.com"));
        var after = await Api.OrderAsync(order.Id);
        Assert.That(after.Text("customer_email"), Is.EqualTo("new@example.com"));
        Assert.That(after.Text("status"), Is.EqualTo("placed"));
    }

    [Test]
    public async Task A_relationship_sent_with_a_declined_place_is_not_saved()
    {
        var order = await Checkout().PaidByCard("tok_chargeDeclined").BuildAsync();
        var express = await CheckoutBuilder.ShippingMethodIdAsync(Api, "Express", "EUR");

        var response = await Api.PatchAsync($"orders/{order.Id}", Document("orders", new { _place = true },
            new { shipping_method = ToOne("shipping_methods", express) }, order.Id));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), response.ToString());
        var after = await Api.GetAsync($"orders/{order.Id}?include=shipping_method");
        Assert.That(after.Data["relationships"]!["shipping_method"]!["data"]!["id"]!.GetValue<string>(), Is.Not.EqualTo(express));
        Assert.That(after.Attributes["shipping_amount_cents"]!.GetValue<long>(), Is.EqualTo(700));
    }

    [Test]
    public async Task While_the_gateway_is_asked_the_order_is_placing_and_cannot_change()
    {
        var order = await Checkout().WithItem(DemoSkus.Mug, 2).PaidByCard("tok_timeout").BuildAsync();
        var line = (await Api.RelatedAsync(order.Id, "line_items"))[0]!["id"]!.GetValue<string>();

        var placing = Task.Run(() => Api.PlaceAsync(order.Id));
        var during = await Api.OrderAsync(order.Id);
        while (during.Text("status") != "placing" && !placing.IsCompleted)
        {
            await Task.Delay(20);
            during = await Api.OrderAsync(order.Id);
        }
        var change = await Api.PatchAsync($"line_items/{line}", Document("line_items", new { quantity = 5 }, id: line));
        var again = await Api.PlaceAsync(order.Id);
        var placed = await placing;

        Assert.That(during.Text("status"), Is.EqualTo("placing"));
        Assert.That(during["editable"]!.GetValue<bool>(), Is.False);
        Assert.That(change.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity).Or.EqualTo(HttpStatusCode.Conflict), change.ToString());
        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity).Or.EqualTo(HttpStatusCode.Conflict), again.ToString());
        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.BadGateway), placed.ToString());
        var after = await Api.OrderAsync(order.Id);
        Assert.That(after.Text("status"), Is.EqualTo("pending"));
        Assert.That(after["skus_count"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [TestCase("4242424242424242")]
    [TestCase("4242 4242 4242 4242")]
    [TestCase("5555-5555-5555-4444")]
    public async Task A_card_number_is_refused_as_a_token_and_never_echoed(string number)
    {
        var order = await Checkout().WithoutPaymentSource().BuildAsync();

        var created = await Api.PostAsync("external_payments", Document("external_payments", new { payment_source_token = number }, new { order = ToOne("orders", order.Id) }));

        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), created.ToString());
        Assert.That(created.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/payment_source_token" }));
        Assert.That(created.ToString(), Does.Not.Contain(number).And.Not.Contain(number.Replace(" ", "").Replace("-", "")));
        var after = await Api.GetAsync($"orders/{order.Id}?include=payment_source");
        Assert.That(after.Data["relationships"]!["payment_source"]!["data"], Is.Null, "no source was linked");
    }

    [Test]
    public async Task A_card_number_is_refused_when_changing_a_token()
    {
        var order = await Checkout().BuildAsync();

        var changed = await Api.PatchAsync($"external_payments/{order.PaymentSourceId}",
            Document("external_payments", new { payment_source_token = "4242424242424242" }, id: order.PaymentSourceId));

        Assert.That(changed.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), changed.ToString());
        Assert.That(changed.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/payment_source_token" }));
        Assert.That(changed.ToString(), Does.Not.Contain("4242424242424242"));
        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.OK), "the old token is kept");
    }

    [Test]
    public async Task The_token_is_never_returned()
    {
        var order = await Checkout().PaidByCard("tok_mastercard").BuildAsync();

        var source = await Api.GetAsync($"external_payments/{order.PaymentSourceId}");
        var placed = await Api.PlaceAsync(order.Id);

        Assert.That(source.ToString(), Does.Not.Contain("tok_mastercard"));
        Assert.That(placed.ToString(), Does.Not.Contain("tok_mastercard"));
    }
}
