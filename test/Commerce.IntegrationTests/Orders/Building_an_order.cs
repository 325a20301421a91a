using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Orders;

/// <summary>Line items, addresses, available methods and failed requests while an order is being built.</summary>
public sealed class Building_an_order : ApiFixture
{
    private async Task<string> NewOrder(string currency = "EUR", string language = "it")
    {
        var response = await Api.PostAsync("orders", Document("orders", new { currency_code = currency, language_code = language }));
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Created), response.ToString());
        return response.Id;
    }

    private Task<ApiResponse> PostLine(string orderId, string skuCode, int quantity, bool updateQuantity = false)
    {
        var attributes = new Dictionary<string, object> { ["sku_code"] = skuCode, ["quantity"] = quantity };
        if (updateQuantity) attributes["_update_quantity"] = true;
        return Api.PostAsync("line_items", Document("line_items", attributes, new { order = ToOne("orders", orderId) }));
    }

    // ---- line items -----------------------------------------------------------------------

    [Test]
    public async Task An_update_answers_with_what_it_saved_and_the_includes_it_asks_for()
    {
        var order = await NewOrder("EUR", "en");
        var line = await PostLine(order, DemoSkus.Mug, 1);

        var changed = await Api.PatchAsync($"line_items/{line.Id}?include=order,sku.stock_item", Document("line_items", new { quantity = 3 }, id: line.Id));

        Assert.That(changed.Status, Is.EqualTo(HttpStatusCode.OK), changed.ToString());
        Assert.That(changed.Attributes["quantity"]!.GetValue<int>(), Is.EqualTo(3));
        var included = changed.Body!["included"]!.AsArray().ToDictionary(r => r!["type"]!.GetValue<string>(), r => r!);
        Assert.That(included.Keys, Is.EquivalentTo(new[] { "orders", "skus", "stock_items" }));
        Assert.That(included["orders"]["attributes"]!["subtotal_amount_cents"]!.GetValue<long>(), Is.EqualTo(3 * 1450), "the order as the update saved it");
        Assert.That(included["skus"]["relationships"]!["stock_item"]!["data"]!["id"]!.GetValue<string>(), Is.EqualTo(included["stock_items"]["id"]!.GetValue<string>()));
        Assert.That(await Api.GetAsync($"line_items/{line.Id}?include=order,sku.stock_item"), Has.Property("Body").Matches<System.Text.Json.Nodes.JsonNode?>(
            b => System.Text.Json.Nodes.JsonNode.DeepEquals(b!["included"], changed.Body!["included"]) && System.Text.Json.Nodes.JsonNode.DeepEquals(b!["data"], changed.Body!["data"])),
            "a read gives the same document as the update's answer");
    }

    [TestCase("EUR", 1450)]
    [TestCase("USD", 1600)]
    public async Task A_line_item_takes_the_unit_price_of_the_sku_in_the_order_currency(string currency, long cents)
    {
        var order = await NewOrder(currency, "en");

        var line = await PostLine(order, DemoSkus.Mug, 2);

        Assert.That(line.Status, Is.EqualTo(HttpStatusCode.Created), line.ToString());
        Assert.That(line.Attributes["unit_amount_cents"]!.GetValue<long>(), Is.EqualTo(cents));
        Assert.That(line.Attributes["total_amount_cents"]!.GetValue<long>(), Is.EqualTo(2 * cents));
        Assert.That(line.Attributes.Text("currency_code"), Is.EqualTo(currency));
        Assert.That((await Api.OrderAsync(order))["subtotal_amount_cents"]!.GetValue<long>(), Is.EqualTo(2 * cents));
    }

    [Test]
    public async Task A_unit_price_sent_by_the_client_is_refused()
    {
        var order = await NewOrder();

        var line = await Api.PostAsync("line_items", Document("line_items", new { sku_code = DemoSkus.Mug, quantity = 1, unit_amount_cents = 1 },
            new { order = ToOne("orders", order) }));

        Assert.That(line.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), line.ToString());
        Assert.That((await Api.OrderAsync(order)).Text("status"), Is.EqualTo("draft"));
    }

    [Test]
    public async Task A_sku_without_a_price_in_the_order_currency_is_refused()
    {
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 990 });
        var order = await NewOrder("USD", "en");

        var line = await PostLine(order, sku.Code, 1);

        Assert.That(line.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), line.ToString());
        Assert.That(line.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/sku_code" }));
        Assert.That((await Api.OrderAsync(order)).Text("status"), Is.EqualTo("draft"));
    }

    [Test]
    public async Task An_unknown_sku_code_is_refused()
    {
        var order = await NewOrder();

        var line = await PostLine(order, "NOSUCHSKU", 1);

        Assert.That(line.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), line.ToString());
        Assert.That(line.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/sku_code" }));
    }

    [Test]
    public async Task Update_quantity_merges_into_the_line_of_the_same_sku()
    {
        var order = await NewOrder();
        var first = await PostLine(order, DemoSkus.Mug, 1);

        var merged = await PostLine(order, DemoSkus.Mug, 2, updateQuantity: true);
        var separate = await PostLine(order, DemoSkus.Tshirt, 1, updateQuantity: true);

        Assert.That(merged.Status, Is.EqualTo(HttpStatusCode.Created).Or.EqualTo(HttpStatusCode.OK), merged.ToString());
        Assert.That(merged.Id, Is.EqualTo(first.Id));
        Assert.That(merged.Attributes["quantity"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(separate.Id, Is.Not.EqualTo(first.Id), "another SKU gets its own line");
        var lines = await Api.RelatedAsync(order, "line_items");
        Assert.That(lines, Has.Count.EqualTo(2));
        var after = await Api.OrderAsync(order);
        Assert.That(after["skus_count"]!.GetValue<int>(), Is.EqualTo(4));
        Assert.That(after["subtotal_amount_cents"]!.GetValue<long>(), Is.EqualTo(3 * 1450 + 2900));
    }

    [Test]
    public async Task Without_update_quantity_the_same_sku_gets_a_second_line()
    {
        var order = await NewOrder();
        await PostLine(order, DemoSkus.Mug, 1);

        await PostLine(order, DemoSkus.Mug, 1);

        Assert.That(await Api.RelatedAsync(order, "line_items"), Has.Count.EqualTo(2));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(10001)]
    public async Task A_quantity_out_of_bounds_is_refused(int quantity)
    {
        var order = await NewOrder();
        var line = await PostLine(order, DemoSkus.Mug, 1);

        var created = await PostLine(order, DemoSkus.Mug, quantity);
        var changed = await Api.PatchAsync($"line_items/{line.Id}", Document("line_items", new { quantity }, id: line.Id));

        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), created.ToString());
        Assert.That(created.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/quantity" }));
        Assert.That(changed.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), changed.ToString());
        Assert.That(changed.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/quantity" }));
        Assert.That((await Api.GetAsync($"line_items/{line.Id}")).Attributes["quantity"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task Merging_past_the_maximum_quantity_is_refused()
    {
        var order = await NewOrder();
        var line = await PostLine(order, DemoSkus.Mug, 10000);

        var merged = await PostLine(order, DemoSkus.Mug, 1, updateQuantity: true);

        Assert.That(merged.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), merged.ToString());
        Assert.That(merged.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/quantity" }));
        Assert.That((await Api.GetAsync($"line_items/{line.Id}")).Attributes["quantity"]!.GetValue<int>(), Is.EqualTo(10000));
    }

    [Test]
    public async Task The_quantity_of_a_line_can_change_while_the_order_is_pending()
    {
        var order = await NewOrder();
        var line = await PostLine(order, DemoSkus.Mug, 1);

        var changed = await Api.PatchAsync($"line_items/{line.Id}", Document("line_items", new { quantity = 5 }, id: line.Id));

        Assert.That(changed.Status, Is.EqualTo(HttpStatusCode.OK), changed.ToString());
        Assert.That(changed.Attributes["total_amount_cents"]!.GetValue<long>(), Is.EqualTo(5 * 1450));
        Assert.That((await Api.OrderAsync(order))["subtotal_amount_cents"]!.GetValue<long>(), Is.EqualTo(5 * 1450));
    }

    [Test]
    public async Task Line_items_cannot_change_once_the_order_is_placed()
    {
        var order = await new CheckoutBuilder(Api).BuildAsync();
        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.OK));
        var line = (await Api.RelatedAsync(order.Id, "line_items"))[0]!["id"]!.GetValue<string>();
        var before = (await Api.OrderAsync(order.Id)).ToJsonString();

        var added = await PostLine(order.Id, DemoSkus.Tshirt, 1);
        var changed = await Api.PatchAsync($"line_items/{line}", Document("line_items", new { quantity = 2 }, id: line));
        var deleted = await Api.DeleteAsync($"line_items/{line}");

        foreach (var response in new[] { added, changed, deleted })
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), response.ToString());
            Assert.That(response.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/status" }), response.ToString());
        }
        Assert.That((await Api.OrderAsync(order.Id)).ToJsonString(), Is.EqualTo(before));
        Assert.That(await Api.RelatedAsync(order.Id, "line_items"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task An_order_is_draft_without_items_pending_with_them_and_draft_again_when_the_last_is_removed()
    {
        var order = await NewOrder();
        Assert.That((await Api.OrderAsync(order)).Text("status"), Is.EqualTo("draft"));

        var first = await PostLine(order, DemoSkus.Mug, 1);
        Assert.That((await Api.OrderAsync(order)).Text("status"), Is.EqualTo("pending"));
        var second = await PostLine(order, DemoSkus.Tshirt, 1);

        Assert.That((await Api.DeleteAsync($"line_items/{first.Id}")).Status, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await Api.OrderAsync(order)).Text("status"), Is.EqualTo("pending"));
        Assert.That((await Api.DeleteAsync($"line_items/{second.Id}")).Status, Is.EqualTo(HttpStatusCode.NoContent));
        var after = await Api.OrderAsync(order);
        Assert.That(after.Text("status"), Is.EqualTo("draft"));
        Assert.That(after["subtotal_amount_cents"]!.GetValue<long>(), Is.Zero);
        Assert.That(after["skus_count"]!.GetValue<int>(), Is.Zero);
    }

    // ---- addresses ------------------------------------------------------------------------

    private Task<ApiResponse> PostAddress(object attributes) => Api.PostAsync("addresses", Document("addresses", attributes));

    [Test]
    public async Task An_address_needs_names_or_a_company()
    {
        var nameless = await PostAddress(new { line_1 = "Via Roma 1", city = "Milano", zip_code = "20100", country_code = "IT", phone = "+39 02 1" });
        var company = await PostAddress(new { company = "ACME", line_1 = "Via Roma 1", city = "Milano", zip_code = "20100", country_code = "IT", phone = "+39 02 1" });

        Assert.That(nameless.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), nameless.ToString());
        Assert.That(nameless.ErrorPointers, Is.EquivalentTo(new[] { "/data/attributes/first_name", "/data/attributes/last_name" }));
        Assert.That(company.Status, Is.EqualTo(HttpStatusCode.Created), company.ToString());
    }

    [Test]
    public async Task An_address_needs_line_1_and_city()
    {
        var response = await PostAddress(new { first_name = "Ada", last_name = "Lovelace", zip_code = "20100", country_code = "IT", phone = "+39 02 1" });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), response.ToString());
        Assert.That(response.ErrorPointers, Is.EquivalentTo(new[] { "/data/attributes/line_1", "/data/attributes/city" }));
    }

    [TestCase("XX")]
    [TestCase("ITA")]
    [TestCase("")]
    public async Task An_address_needs_a_valid_country_code(string country)
    {
        var response = await PostAddress(new { first_name = "Ada", last_name = "Lovelace", line_1 = "Via Roma 1", city = "Milano", zip_code = "20100", country_code = country, phone = "+39 02 1" });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), response.ToString());
        Assert.That(response.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/country_code" }));
    }

    [Test]
    public async Task The_zip_code_is_required_only_where_the_country_uses_one()
    {
        var italy = await PostAddress(new { first_name = "Ada", last_name = "Lovelace", line_1 = "Via Roma 1", city = "Milano", country_code = "IT", phone = "+39 02 1" });
        var hongKong = await PostAddress(new { first_name = "Ada", last_name = "Lovelace", line_1 = "1 Queen's Road", city = "Hong Kong", country_code = "HK", phone = "+852 1" });

        Assert.That(italy.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), italy.ToString());
        Assert.That(italy.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/zip_code" }));
        Assert.That(hongKong.Status, Is.EqualTo(HttpStatusCode.Created), hongKong.ToString());
    }

    [Test]
    public async Task Billing_address_same_as_shipping_copies_the_shipping_address()
    {
        var order = await new CheckoutBuilder(Api).WithoutBillingAddress().WithShippingCountry("DE").BuildAsync();

        var response = await Api.TriggerAsync(order.Id, "_billing_address_same_as_shipping");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        var billing = await Api.GetAsync($"orders/{order.Id}/billing_address");
        var shipping = await Api.GetAsync($"orders/{order.Id}/shipping_address");
        Assert.That(billing.Id, Is.Not.EqualTo(shipping.Id), "a copy, as Commerce Layer clones it");
        Assert.That(shipping.Id, Is.EqualTo(order.ShippingAddressId));
        foreach (var field in new[] { "first_name", "last_name", "line_1", "city", "zip_code", "country_code", "phone" })
            Assert.That(billing.Attributes[field]?.ToJsonString(), Is.EqualTo(shipping.Attributes[field]?.ToJsonString()), field);
        Assert.That(billing.Attributes.Text("country_code"), Is.EqualTo("DE"));
        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.OK), "the copy satisfies the billing precondition");
    }

    [Test]
    public async Task Shipping_address_same_as_billing_copies_the_billing_address()
    {
        var order = await new CheckoutBuilder(Api).WithoutShippingAddress().WithBillingCountry("FR").BuildAsync();

        var response = await Api.TriggerAsync(order.Id, "_shipping_address_same_as_billing");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Attributes.Text("country_code"), Is.EqualTo("FR"));
        var shipping = await Api.GetAsync($"orders/{order.Id}/shipping_address");
        Assert.That(shipping.Id, Is.Not.EqualTo(order.BillingAddressId));
        Assert.That(shipping.Attributes.Text("country_code"), Is.EqualTo("FR"));
    }

    [Test]
    public async Task Copying_a_missing_address_is_422()
    {
        var order = await new CheckoutBuilder(Api).WithoutShippingAddress().BuildAsync();

        var response = await Api.TriggerAsync(order.Id, "_billing_address_same_as_shipping");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), response.ToString());
        Assert.That(response.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/shipping_address" }));
    }

    // ---- available methods ----------------------------------------------------------------

    [Test]
    public async Task An_order_sees_the_enabled_payment_methods_in_its_currency()
    {
        var disabled = await Api.PostAsync("payment_methods", Document("payment_methods",
            new { name = "Retired wire", payment_source_type = "wire_transfers", currency_code = "EUR", disabled_at = "2026-01-01T00:00:00.000Z" }));
        Assert.That(disabled.Status, Is.EqualTo(HttpStatusCode.Created), disabled.ToString());
        var order = await NewOrder();

        var methods = (await Api.GetAsync($"orders/{order}/available_payment_methods")).Data.AsArray();

        Assert.That(methods.Select(m => m!["attributes"]!.Text("currency_code")), Is.Not.Empty.And.All.EqualTo("EUR"));
        Assert.That(methods.Select(m => m!["attributes"]!.Text("payment_source_type")), Is.EquivalentTo(new[] { "external_payments", "wire_transfers" }));
        Assert.That(methods.Select(m => m!["id"]!.GetValue<string>()), Does.Not.Contain(disabled.Id));
    }

    [TestCase("ES", new[] { "Standard" })]
    [TestCase("IT", new[] { "Standard", "Express" })]
    public async Task An_order_sees_the_shipping_methods_that_serve_its_shipping_country(string country, string[] expected)
    {
        var order = await new CheckoutBuilder(Api).WithShippingCountry(country).BuildAsync();

        var methods = (await Api.GetAsync($"orders/{order.Id}/available_shipping_methods")).Data.AsArray();

        Assert.That(methods.Select(m => m!["attributes"]!.Text("name")), Is.EquivalentTo(expected));
    }

    [Test]
    public async Task A_usd_order_sees_usd_methods_only()
    {
        var order = await new CheckoutBuilder(Api).In("USD", "en").BuildAsync();

        var shipping = (await Api.GetAsync($"orders/{order.Id}/available_shipping_methods")).Data.AsArray();
        var payment = (await Api.GetAsync($"orders/{order.Id}/available_payment_methods")).Data.AsArray();

        Assert.That(shipping.Select(m => m!["attributes"]!.Text("name")), Is.EqualTo(new[] { "Standard US" }));
        Assert.That(payment.Select(m => m!["attributes"]!.Text("currency_code")), Is.EqualTo(new[] { "USD", "USD" }));
    }

    [Test]
    public async Task A_line_item_needs_an_order()
    {
        var line = await Api.PostAsync("line_items", Document("line_items", new { sku_code = DemoSkus.Mug, quantity = 1 }));

        Assert.That(line.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), line.ToString());
        Assert.That(line.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/order" }));
    }

    [Test]
    public async Task A_copy_trigger_uses_the_address_sent_in_the_same_request()
    {
        var order = await new CheckoutBuilder(Api).WithoutBillingAddress().BuildAsync();
        var german = await CheckoutBuilder.CreateAddressAsync(Api, "DE");

        var response = await Api.PatchAsync($"orders/{order.Id}", Document("orders", new { _billing_address_same_as_shipping = true },
            new { shipping_address = ToOne("addresses", german) }, order.Id));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That((await Api.GetAsync($"orders/{order.Id}/billing_address")).Attributes.Text("country_code"), Is.EqualTo("DE"));
    }

    [Test]
    public async Task Lines_of_the_same_sku_are_summed_in_the_stock_check()
    {
        var order = await new CheckoutBuilder(Api).WithItem(DemoSkus.Cap, 2).WithItem(DemoSkus.Cap, 2).BuildAsync();

        var response = await Api.PlaceAsync(order.Id);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), response.ToString());
        Assert.That(response.Errors, Has.Count.EqualTo(1));
        Assert.That(response.Error.Text("code"), Is.EqualTo("OUT_OF_STOCK"));
        Assert.That(response.Error["meta"]!["available"]!.GetValue<int>(), Is.EqualTo(3));
    }

    [Test]
    public async Task An_address_or_payment_source_in_use_cannot_be_deleted()
    {
        var order = await new CheckoutBuilder(Api).BuildAsync();

        var address = await Api.DeleteAsync($"addresses/{order.BillingAddressId}");
        var source = await Api.DeleteAsync($"external_payments/{order.PaymentSourceId}");

        Assert.That(address.Status, Is.EqualTo(HttpStatusCode.Conflict), address.ToString());
        Assert.That(source.Status, Is.EqualTo(HttpStatusCode.Conflict), source.ToString());
        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.OK), "both are still linked");
    }

    // ---- failed requests ------------------------------------------------------------------

    [Test]
    public async Task A_patch_with_a_valid_attribute_and_an_unknown_relationship_changes_nothing()
    {
        var order = await new CheckoutBuilder(Api).WithEmail("old@example.com").BuildAsync();
        var before = (await Api.OrderAsync(order.Id)).ToJsonString();

        var response = await Api.PatchAsync($"orders/{order.Id}", Document("orders", new { customer_email = "new@example.com", reference = "R-9" },
            new { shipping_method = ToOne("shipping_methods", "doesNotExist1") }, order.Id));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NotFound), response.ToString());
        Assert.That(response.ErrorPointers.Single(), Does.StartWith("/data/relationships/shipping_method"));
        Assert.That((await Api.OrderAsync(order.Id)).ToJsonString(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_patch_with_a_valid_relationship_and_an_invalid_attribute_changes_nothing()
    {
        var order = await new CheckoutBuilder(Api).BuildAsync();
        var express = await CheckoutBuilder.ShippingMethodIdAsync(Api, "Express", "EUR");
        var before = (await Api.OrderAsync(order.Id)).ToJsonString();

        var response = await Api.PatchAsync($"orders/{order.Id}", Document("orders", new { language_code = "italian" },
            new { shipping_method = ToOne("shipping_methods", express) }, order.Id));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), response.ToString());
        Assert.That(response.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/language_code" }));
        Assert.That((await Api.OrderAsync(order.Id)).ToJsonString(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_payment_source_of_the_wrong_type_in_the_identifier_is_404()
    {
        var order = await new CheckoutBuilder(Api).BuildAsync();

        var response = await Api.PatchAsync($"orders/{order.Id}", Document("orders",
            relationships: new { payment_source = ToOne("wire_transfers", order.PaymentSourceId!) }, id: order.Id));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NotFound), response.ToString());
    }
}
