using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Orders;

/// <summary>Totals, what a placed order still accepts, and how payment choices fit together.</summary>
public sealed class Order_rules : ApiFixture
{
    private CheckoutBuilder Checkout() => new(Api);

    [Test]
    public async Task Shipping_is_charged_below_the_free_threshold_and_free_above_it()
    {
        var cheap = await Api.OrderAsync((await Checkout().WithItem(DemoSkus.Mug).BuildAsync()).Id);
        var dear = await Api.OrderAsync((await Checkout().WithItem(DemoSkus.Hoodie, 2).BuildAsync()).Id);

        Assert.That(cheap["shipping_amount_cents"]!.GetValue<long>(), Is.EqualTo(700));
        Assert.That(cheap["total_amount_cents"]!.GetValue<long>(), Is.EqualTo(1450 + 700));
        Assert.That(dear["shipping_amount_cents"]!.GetValue<long>(), Is.Zero, "Standard is free from EUR 99.00");
        Assert.That(dear["total_amount_cents"]!.GetValue<long>(), Is.EqualTo(2 * 5900));
    }

    [Test]
    public async Task Items_that_do_not_ship_are_not_charged_shipping()
    {
        var order = await Api.OrderAsync((await Checkout().WithItem(DemoSkus.GiftCard).BuildAsync()).Id);

        Assert.That(order["shipping_amount_cents"]!.GetValue<long>(), Is.Zero);
        Assert.That(order["total_amount_cents"]!.GetValue<long>(), Is.EqualTo(5000));
    }

    [Test]
    public async Task Taxes_are_added_when_prices_exclude_them()
    {
        var list = await Api.PostAsync("price_lists", Document("price_lists", new { name = "Net prices", currency_code = "EUR", tax_included = false }));
        var market = await Api.PostAsync("markets", Document("markets", new { name = "Net market" }, new { price_list = ToOne("price_lists", list.Id) }));
        var mug = (await Api.GetAsync($"skus?filter[q][code_eq]={DemoSkus.Mug}")).Data[0]!["id"]!.GetValue<string>();
        Assert.That((await Api.PostAsync("prices", Document("prices", new { amount_cents = 1450 },
            new { sku = ToOne("skus", mug), price_list = ToOne("price_lists", list.Id) }))).Status, Is.EqualTo(HttpStatusCode.Created));

        var order = await Checkout().InMarket(market.Id).WithItem(DemoSkus.Mug).BuildAsync();
        var response = await Api.GetAsync($"orders/{order.Id}");

        Assert.That(response.Attributes["tax_included"]!.GetValue<bool>(), Is.False, "the market's price list excludes tax");
        // Italy 22 % on mug 14.50 + shipping 7.00.
        Assert.That(response.Attributes["total_tax_amount_cents"]!.GetValue<long>(), Is.EqualTo(473));
        Assert.That(response.Attributes["total_amount_cents"]!.GetValue<long>(), Is.EqualTo(2150 + 473));
        Assert.That(response.Attributes["total_amount_with_taxes_cents"]!.GetValue<long>(), Is.EqualTo(2150 + 473));
    }

    [Test]
    public async Task The_payment_method_fee_is_part_of_the_total_that_is_authorized()
    {
        var method = await Api.PostAsync("payment_methods", Document("payment_methods",
            new { name = "Card with fee", payment_source_type = "external_payments", currency_code = "EUR", gateway = "test", price_amount_cents = 250 }));
        Assert.That(method.Status, Is.EqualTo(HttpStatusCode.Created), method.ToString());
        var order = await Checkout().WithItem(DemoSkus.Mug).BuildAsync();
        var linked = await Api.PatchAsync($"orders/{order.Id}", Document("orders", relationships: new { payment_method = ToOne("payment_methods", method.Id) }, id: order.Id));

        var placed = await Api.PlaceAsync(order.Id);

        Assert.That(linked.Attributes["payment_method_amount_cents"]!.GetValue<long>(), Is.EqualTo(250));
        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        var authorization = (await Api.RelatedAsync(order.Id, "authorizations"))[0]!["attributes"]!;
        Assert.That(authorization["amount_cents"]!.GetValue<long>(), Is.EqualTo(1450 + 700 + 250));
    }

    [Test]
    public async Task A_shipping_method_in_another_currency_is_refused_at_placement()
    {
        var order = await Checkout().BuildAsync();
        var usd = await CheckoutBuilder.ShippingMethodIdAsync(Api, "Standard US", "USD");
        await Api.PatchAsync($"orders/{order.Id}", Document("orders", relationships: new { shipping_method = ToOne("shipping_methods", usd) }, id: order.Id));

        var response = await Api.PlaceAsync(order.Id);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), response.ToString());
        Assert.That(response.ErrorPointers, Is.Not.Empty.And.All.EqualTo("/data/relationships/shipping_method"));
    }

    [Test]
    public async Task A_false_trigger_does_nothing()
    {
        var order = await Checkout().BuildAsync();

        var response = await Api.PatchAsync($"orders/{order.Id}", Document("orders", new { _place = false }, id: order.Id));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That((await Api.OrderAsync(order.Id)).Text("status"), Is.EqualTo("pending"));
    }

    [Test]
    public async Task Choosing_a_payment_method_of_another_type_unlinks_the_payment_source()
    {
        var order = await Checkout().PaidByCard().BuildAsync();
        var wire = await CheckoutBuilder.PaymentMethodIdAsync(Api, "wire_transfers", "EUR");

        var response = await Api.PatchAsync($"orders/{order.Id}", Document("orders", relationships: new { payment_method = ToOne("payment_methods", wire) }, id: order.Id));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        var linkage = await Api.GetAsync($"orders/{order.Id}/relationships/payment_source");
        Assert.That(linkage.Body!["data"], Is.Null);
        var place = await Api.PlaceAsync(order.Id);
        Assert.That(place.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/payment_source" }));
    }

    [Test]
    public async Task Payment_source_details_show_the_type_and_never_the_token()
    {
        var order = await Checkout().PaidByCard("tok_amex").BuildAsync();

        var fetched = await Api.GetAsync($"orders/{order.Id}");

        Assert.That(fetched.Attributes["payment_source_details"]!.Text("type"), Is.EqualTo("external_payments"));
        Assert.That(fetched.ToString(), Does.Not.Contain("tok_amex"));
    }

    [Test]
    public async Task A_placed_order_keeps_its_addresses_methods_source_and_email()
    {
        var order = await Checkout().BuildAsync();
        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.OK));
        var before = (await Api.OrderAsync(order.Id)).ToJsonString();
        var express = await CheckoutBuilder.ShippingMethodIdAsync(Api, "Express", "EUR");

        var email = await Api.PatchAsync($"orders/{order.Id}", Document("orders", new { customer_email = "late@example.com" }, id: order.Id));
        var method = await Api.PatchAsync($"orders/{order.Id}", Document("orders", relationships: new { shipping_method = ToOne("shipping_methods", express) }, id: order.Id));
        var address = await Api.PatchAsync($"addresses/{order.ShippingAddressId}", Document("addresses", new { city = "Roma" }, id: order.ShippingAddressId));
        var token = await Api.PatchAsync($"external_payments/{order.PaymentSourceId}", Document("external_payments", new { payment_source_token = "tok_other" }, id: order.PaymentSourceId));
        var source = await Api.PostAsync("wire_transfers", Document("wire_transfers", new { }, new { order = ToOne("orders", order.Id) }));
        var deleted = await Api.DeleteAsync($"orders/{order.Id}");

        Assert.Multiple(() =>
        {
            Assert.That(email.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/status" }), email.ToString());
            Assert.That(method.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/status" }), method.ToString());
            Assert.That(deleted.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/status" }), deleted.ToString());
            foreach (var response in new[] { email, method, address, token, source, deleted })
                Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), response.ToString());
        });
        Assert.That((await Api.OrderAsync(order.Id)).ToJsonString(), Is.EqualTo(before));
        Assert.That((await Api.GetAsync($"addresses/{order.ShippingAddressId}")).Attributes.Text("city"), Is.EqualTo("Milano"));
        Assert.That((await Api.GetAsync("wire_transfers")).Data.AsArray(), Is.Empty, "the refused source was not created");
    }

    [Test]
    public async Task Reference_and_metadata_may_change_after_placement()
    {
        var order = await Checkout().BuildAsync();
        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.OK));

        var response = await Api.PatchAsync($"orders/{order.Id}", Document("orders", new { reference = "ERP-1", metadata = new { erp = "42" } }, id: order.Id));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Attributes.Text("reference"), Is.EqualTo("ERP-1"));
        Assert.That(response.Attributes["metadata"]!.Text("erp"), Is.EqualTo("42"));
    }

    [Test]
    public async Task Changing_the_shipping_address_of_a_pending_order_recomputes_country_and_tax()
    {
        var order = await Checkout().WithItem(DemoSkus.Hoodie, 2).BuildAsync();

        var changed = await Api.PatchAsync($"addresses/{order.ShippingAddressId}", Document("addresses", new { country_code = "DE" }, id: order.ShippingAddressId));
        var after = await Api.OrderAsync(order.Id);

        Assert.That(changed.Status, Is.EqualTo(HttpStatusCode.OK), changed.ToString());
        Assert.That(after.Text("country_code"), Is.EqualTo("DE"));
        // 118.00 with 19 % included: 11800 × 1900 / 11900 = 1884.03…
        Assert.That(after["total_tax_amount_cents"]!.GetValue<long>(), Is.EqualTo(1884));
    }

    [Test]
    public async Task A_pending_order_can_be_deleted_with_its_line_items()
    {
        var order = await Checkout().BuildAsync();
        var line = (await Api.RelatedAsync(order.Id, "line_items"))[0]!["id"]!.GetValue<string>();

        var deleted = await Api.DeleteAsync($"orders/{order.Id}");

        Assert.That(deleted.Status, Is.EqualTo(HttpStatusCode.NoContent), deleted.ToString());
        Assert.That((await Api.GetAsync($"orders/{order.Id}")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Api.GetAsync($"line_items/{line}")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_declined_card_can_be_replaced_and_the_order_placed_with_one_succeeded_authorization()
    {
        var order = await Checkout().PaidByCard("tok_chargeDeclined").BuildAsync();
        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        var replacement = await Api.PostAsync("external_payments", Document("external_payments", new { payment_source_token = "tok_visa" }, new { order = ToOne("orders", order.Id) }));

        var placed = await Api.PlaceAsync(order.Id);

        Assert.That(replacement.Status, Is.EqualTo(HttpStatusCode.Created), replacement.ToString());
        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        var statuses = (await Api.RelatedAsync(order.Id, "authorizations")).Select(a => a!["attributes"]!.Text("status")).ToList();
        Assert.That(statuses, Is.EquivalentTo(new[] { "failed", "succeeded" }));
    }
}
