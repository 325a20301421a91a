using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Authentication;

/// <summary>
/// What a caller may not read does not exist for it, on every route: as the target of a relationship in a write
/// (404 RECORD_NOT_FOUND at the relationship's pointer, exactly as reading it would be), through related endpoints,
/// relationship linkage and include (the rule of the target type applies: 403 by the role table, absent by scope).
/// </summary>
public sealed class Scope_follows_every_route : ApiFixture
{
    private async Task<JsonApiClient> NewCustomerAsync()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var created = await Api.PostAsync("customers", Document("customers", new { email, password = "long enough" }));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        return Factory.CreateApiClient(await Factory.GetCustomerTokenAsync(email, "long enough"));
    }

    private static async Task<string> NewOrderAsync(JsonApiClient client)
    {
        var order = await client.PostAsync("orders", Document("orders", new { currency_code = "EUR", customer_email = "buyer@example.com" }));
        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.Created), order.ToString());
        return order.Id;
    }

    [TestCase("billing_address")]
    [TestCase("shipping_address")]
    public async Task A_customer_cannot_link_another_customers_address_to_its_order(string relationship)
    {
        var alice = await NewCustomerAsync();
        var bob = await NewCustomerAsync();
        var aliceOrder = await NewOrderAsync(alice);
        var bobAddress = await CheckoutBuilder.CreateAddressAsync(bob, "IT");

        var linked = await alice.PatchAsync($"orders/{aliceOrder}",
            Document("orders", relationships: new Dictionary<string, object> { [relationship] = ToOne("addresses", bobAddress) }, id: aliceOrder));

        Assert.That(linked.Status, Is.EqualTo(HttpStatusCode.NotFound), linked.ToString());
        Assert.That(linked.Error["code"]!.GetValue<string>(), Is.EqualTo("RECORD_NOT_FOUND"));
        Assert.That(linked.ErrorPointers, Is.EqualTo(new[] { $"/data/relationships/{relationship}/data" }));
        var order = await Api.GetAsync($"orders/{aliceOrder}?include={relationship}");
        Assert.That(order.Data["relationships"]![relationship]!["data"], Is.Null, "nothing was linked");
    }

    [Test]
    public async Task A_customer_cannot_link_another_customers_payment_source_and_so_cannot_charge_it()
    {
        var alice = await NewCustomerAsync();
        var bob = await NewCustomerAsync();
        var aliceOrder = await new CheckoutBuilder(alice).WithoutPaymentSource().BuildAsync();
        var bobOrder = await new CheckoutBuilder(bob).BuildAsync();

        var linked = await alice.PatchAsync($"orders/{aliceOrder.Id}", Document("orders",
            relationships: new { payment_source = ToOne("external_payments", bobOrder.PaymentSourceId!) }, id: aliceOrder.Id));
        var placed = await alice.PlaceAsync(aliceOrder.Id);

        Assert.That(linked.Status, Is.EqualTo(HttpStatusCode.NotFound), linked.ToString());
        Assert.That(linked.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/payment_source/data" }));
        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), placed.ToString());
        Assert.That(placed.ErrorPointers, Does.Contain("/data/relationships/payment_source"), "still no payment source");
        Assert.That(await Api.RelatedAsync(aliceOrder.Id, "authorizations"), Is.Empty, "nothing was authorized");
    }

    [Test]
    public async Task A_payment_source_of_a_placed_order_cannot_be_linked_into_another_order()
    {
        var shop = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());
        var first = await new CheckoutBuilder(shop).BuildAsync();
        Assert.That((await shop.PlaceAsync(first.Id)).Status, Is.EqualTo(HttpStatusCode.OK));
        var second = await new CheckoutBuilder(shop).WithoutPaymentSource().BuildAsync();

        var linked = await shop.PatchAsync($"orders/{second.Id}", Document("orders",
            relationships: new { payment_source = ToOne("external_payments", first.PaymentSourceId!) }, id: second.Id));
        var placed = await shop.PlaceAsync(second.Id);

        Assert.That(linked.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), linked.ToString());
        Assert.That(linked.Error["code"]!.GetValue<string>(), Is.EqualTo("VALIDATION_ERROR"));
        Assert.That(linked.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/payment_source" }));
        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), "the second order has no payment source: " + placed);
        Assert.That(await Api.RelatedAsync(second.Id, "authorizations"), Is.Empty, "the first order's token was not authorized again");
    }

    [Test]
    public async Task A_payment_source_belongs_to_one_order_even_before_either_is_placed()
    {
        var first = await new CheckoutBuilder(Api).BuildAsync();
        var second = await new CheckoutBuilder(Api).WithoutPaymentSource().BuildAsync();

        var linked = await Api.PatchAsync($"orders/{second.Id}", Document("orders",
            relationships: new { payment_source = ToOne("external_payments", first.PaymentSourceId!) }, id: second.Id));
        var relinked = await Api.PatchAsync($"orders/{first.Id}", Document("orders",
            relationships: new { payment_source = ToOne("external_payments", first.PaymentSourceId!) }, id: first.Id));

        Assert.That(linked.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), "even an integration: " + linked);
        Assert.That(linked.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/payment_source" }));
        Assert.That(relinked.Status, Is.EqualTo(HttpStatusCode.OK), "linking a source to its own order again is fine: " + relinked);
    }

    [Test]
    public async Task Two_orders_linking_one_payment_source_at_once_cannot_both_have_it()
    {
        var owner = await new CheckoutBuilder(Api).WithoutPaymentSource().BuildAsync();
        var source = await Api.PostAsync("wire_transfers", Document("wire_transfers", new { }));
        Assert.That(source.Status, Is.EqualTo(HttpStatusCode.Created), source.ToString());
        var orders = new[] { owner.Id, (await new CheckoutBuilder(Api).WithoutPaymentSource().BuildAsync()).Id,
            (await new CheckoutBuilder(Api).WithoutPaymentSource().BuildAsync()).Id };

        var linked = await Task.WhenAll(orders.Select(id => Api.PatchAsync($"orders/{id}",
            Document("orders", relationships: new { payment_source = ToOne("wire_transfers", source.Id) }, id: id))));

        Assert.That(linked.Count(r => r.Status == HttpStatusCode.OK), Is.EqualTo(1), string.Join("\n", linked.Select(r => r.ToString())));
        var refused = linked.Where(r => r.Status != HttpStatusCode.OK).ToList();
        Assert.That(refused.Select(r => r.Status).ToList(), Has.Count.EqualTo(2).And.All.EqualTo(HttpStatusCode.UnprocessableEntity),
            "the check or, at once, the unique index: the same 422 " + string.Join("\n", refused));
        Assert.That(refused.SelectMany(r => r.ErrorPointers), Is.Not.Empty.And.All.EqualTo("/data/relationships/payment_source"));
        var holders = 0;
        foreach (var id in orders)
            holders += (await Api.GetAsync($"orders/{id}?include=payment_source")).Data["relationships"]!["payment_source"]!["data"] is null ? 0 : 1;
        Assert.That(holders, Is.EqualTo(1), "the source belongs to one order");
    }

    [Test]
    public async Task A_customer_cannot_create_a_payment_source_for_another_customers_order()
    {
        var alice = await NewCustomerAsync();
        var bob = await NewCustomerAsync();
        var bobOrder = await NewOrderAsync(bob);

        var created = await alice.PostAsync("wire_transfers", Document("wire_transfers", new { }, new { order = ToOne("orders", bobOrder) }));

        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.NotFound), created.ToString());
        Assert.That(created.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/order/data" }));
    }

    [TestCase("customer")]
    [TestCase("shipments")]
    [TestCase("relationships/customer")]
    [TestCase("relationships/shipments")]
    public async Task A_sales_channel_cannot_read_what_the_role_table_denies_it_through_an_orders_related_endpoints(string path)
    {
        var shop = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());
        var order = await new CheckoutBuilder(shop).BuildAsync();
        Assert.That((await shop.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.OK));

        var read = await shop.GetAsync($"orders/{order.Id}/{path}");

        Assert.That(read.Status, Is.EqualTo(HttpStatusCode.Forbidden), read.ToString());
        Assert.That(read.Error["code"]!.GetValue<string>(), Is.EqualTo("FORBIDDEN"));
        Assert.That((await Api.GetAsync($"orders/{order.Id}/{path}")).Status, Is.EqualTo(HttpStatusCode.OK), "an integration may");
    }

    [TestCase("customer")]
    [TestCase("shipments")]
    [TestCase("line_items.order.shipments")]
    public async Task A_sales_channel_cannot_include_what_the_role_table_denies_it(string include)
    {
        var shop = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());
        var order = await new CheckoutBuilder(shop).BuildAsync();

        var read = await shop.GetAsync($"orders/{order.Id}?include={include}");

        Assert.That(read.Status, Is.EqualTo(HttpStatusCode.Forbidden), read.ToString());
        Assert.That(read.Error["source"]!["parameter"]!.GetValue<string>(), Is.EqualTo("include"));
        Assert.That((await Api.GetAsync($"orders/{order.Id}?include={include}")).Status, Is.EqualTo(HttpStatusCode.OK), "an integration may");
    }

    [Test]
    public async Task A_customer_reads_everything_of_its_own_order_through_includes_and_related_endpoints()
    {
        var alice = await NewCustomerAsync();
        var order = await new CheckoutBuilder(alice).WithoutShippingAddress().BuildAsync();
        // The shipping address is a copy the order makes of the billing address: Alice's too.
        var copied = await alice.TriggerAsync(order.Id, "_shipping_address_same_as_billing");
        Assert.That(copied.Status, Is.EqualTo(HttpStatusCode.OK), copied.ToString());
        Assert.That((await alice.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.OK));

        var read = await alice.GetAsync($"orders/{order.Id}?include=billing_address,shipping_address,payment_source,line_items,authorizations");

        Assert.That(read.Status, Is.EqualTo(HttpStatusCode.OK), read.ToString());
        var included = read.Body!["included"]!.AsArray().Select(r => r!["type"]!.GetValue<string>()).ToList();
        Assert.That(included, Is.EquivalentTo(new[] { "addresses", "addresses", "external_payments", "line_items", "authorizations" }));
        foreach (var relationship in new[] { "billing_address", "shipping_address", "payment_source" })
        {
            Assert.That(read.Data["relationships"]![relationship]!["data"], Is.Not.Null, relationship);
            Assert.That((await alice.GetAsync($"orders/{order.Id}/{relationship}")).Body!["data"], Is.Not.Null, relationship);
        }
        var shippingId = read.Data["relationships"]!["shipping_address"]!["data"]!["id"]!.GetValue<string>();
        Assert.That((await alice.GetAsync($"addresses/{shippingId}")).Status, Is.EqualTo(HttpStatusCode.OK), "the copy is Alice's address");
    }

    [Test]
    public async Task What_a_customer_may_not_read_is_absent_from_its_own_orders_includes_and_related_endpoints()
    {
        var alice = await NewCustomerAsync();
        var bob = await NewCustomerAsync();
        var aliceOrder = await NewOrderAsync(alice);
        var bobAddress = await CheckoutBuilder.CreateAddressAsync(bob, "IT");
        // An integration may link anything: the address stays Bob's.
        var linked = await Api.PatchAsync($"orders/{aliceOrder}", Document("orders", relationships: new { billing_address = ToOne("addresses", bobAddress) }, id: aliceOrder));
        Assert.That(linked.Status, Is.EqualTo(HttpStatusCode.OK), linked.ToString());

        var included = await alice.GetAsync($"orders/{aliceOrder}?include=billing_address");
        var related = await alice.GetAsync($"orders/{aliceOrder}/billing_address");
        var linkage = await alice.GetAsync($"orders/{aliceOrder}/relationships/billing_address");

        Assert.That(included.Status, Is.EqualTo(HttpStatusCode.OK), included.ToString());
        Assert.That(included.Body!["included"]!.AsArray(), Is.Empty, "Bob's address is not included");
        Assert.That(included.Data["relationships"]!["billing_address"]!["data"], Is.Null);
        Assert.That(related.Status, Is.EqualTo(HttpStatusCode.OK), related.ToString());
        Assert.That(related.Body!["data"], Is.Null);
        Assert.That(linkage.Body!["data"], Is.Null);
        Assert.That((await Api.GetAsync($"orders/{aliceOrder}/billing_address")).Id, Is.EqualTo(bobAddress), "an integration sees it");
    }
}
