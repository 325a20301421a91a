using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Compatibility;

/// <summary>
/// A storefront's checkout as Commerce Layer's own clients make it, request by request, in CL's shapes, covering issue #16's
/// "Done when": the organization, a market-scoped sales channel token, skus with fields[skus]=id,code,name and their
/// inventory, prices by sku_code with formatted amounts, an order created with no currency (the market's), an item_type
/// "skus" line item read back through include=line_items.item, customer_email creating the customer, addresses cloned as CL's
/// checkout does, wire transfer, _place, then _approve_and_capture by an integration.
/// </summary>
public sealed class Storefront_flow_in_Commerce_Layer_s_shapes : ApiFixture
{
    [Test]
    public async Task A_Commerce_Layer_style_storefront_flow_places_an_order_that_an_integration_approves_and_captures()
    {
        // A market-scoped sales channel token, as CL's clients ask for one (scope=market:code:<code>).
        var token = await Factory.PostTokenAsync(new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = CommerceFactory.SalesChannelId, ["scope"] = "market:code:europe",
        }));
        Assert.That(token.Status, Is.EqualTo(HttpStatusCode.OK), token.Body.ToString());
        Assert.That(token.Body.GetProperty("scope").GetString(), Is.EqualTo("market:code:europe"));
        var salesChannel = Factory.CreateApiClient(token.Body.GetProperty("access_token").GetString());

        // The branding of the hosted checkout.
        var organization = await salesChannel.GetAsync("organization?fields[organizations]=name,slug,primary_color");
        Assert.That(organization.Status, Is.EqualTo(HttpStatusCode.OK), organization.ToString());
        Assert.That(organization.Attributes.Text("slug"), Is.Not.Empty);

        // The catalog, as react-components ask for it: sparse fieldsets with id, the inventory, prices by sku_code.
        var skus = await salesChannel.GetAsync($"skus?fields[skus]=id,code,name,inventory&filter[q][code_in]={DemoSkus.Hoodie},{DemoSkus.Mug}");
        Assert.That(skus.Status, Is.EqualTo(HttpStatusCode.OK), skus.ToString());
        Assert.That(skus.Data.AsArray(), Has.Count.EqualTo(2));
        var hoodie = skus.Data.AsArray().Single(s => s!["attributes"]!.Text("code") == DemoSkus.Hoodie)!;
        Assert.That(hoodie["attributes"]!.AsObject().Select(a => a.Key), Is.EquivalentTo(new[] { "code", "name", "inventory" }));
        Assert.That(hoodie["attributes"]!["inventory"]!["available"]!.GetValue<bool>(), Is.True);
        var prices = await salesChannel.GetAsync($"prices?filter[q][sku_code_in]={DemoSkus.Hoodie},{DemoSkus.Mug}");
        Assert.That(prices.Status, Is.EqualTo(HttpStatusCode.OK), prices.ToString());
        Assert.That(prices.Data.AsArray().Select(p => p!["attributes"]!.Text("currency_code")), Is.All.EqualTo("EUR"), "the market's prices only");
        Assert.That(prices.Data.AsArray().Select(p => p!["attributes"]!.Text("formatted_amount")), Is.All.StartWith("€"));
        Assert.That(prices.Data.AsArray().Select(p => p!["attributes"]!.Text("sku_code")), Is.EquivalentTo(new[] { DemoSkus.Hoodie, DemoSkus.Mug }));

        // The cart: no currency (the market's), the customer's email, the links CL's checkout reads.
        var email = $"{Guid.NewGuid():N}@example.com";
        var order = await salesChannel.PostAsync("orders?include=market", Document("orders", new
        {
            language_code = "en", customer_email = email,
            cart_url = "https://shop.example/cart", return_url = "https://shop.example/thanks",
        }));
        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.Created), order.ToString());
        Assert.That(order.Attributes.Text("currency_code"), Is.EqualTo("EUR"));
        var line = await salesChannel.PostAsync("line_items", Document("line_items",
            new Dictionary<string, object?> { ["item_type"] = "skus", ["sku_code"] = DemoSkus.Hoodie, ["quantity"] = 1, ["_update_quantity"] = true },
            new { order = ToOne("orders", order.Id) }));
        Assert.That(line.Status, Is.EqualTo(HttpStatusCode.Created), line.ToString());
        var cart = await salesChannel.GetAsync($"orders/{order.Id}?include=line_items.item&fields[orders]=status,formatted_total_amount,line_items,guest"
            + "&fields[line_items]=item_type,sku_code,name,quantity,item&fields[skus]=id,code");
        Assert.That(cart.Status, Is.EqualTo(HttpStatusCode.OK), cart.ToString());
        Assert.That(cart.Attributes.Text("status"), Is.EqualTo("pending"));
        var included = cart.Body!["included"]!.AsArray();
        var readLine = included.Single(r => r!["type"]!.GetValue<string>() == "line_items")!;
        Assert.That(readLine["attributes"]!.Text("item_type"), Is.EqualTo("skus"));
        var item = readLine["relationships"]!["item"]!["data"]!;
        Assert.That(item["type"]!.GetValue<string>(), Is.EqualTo("skus"));
        Assert.That(included.Single(r => r!["type"]!.GetValue<string>() == "skus" && r["id"]!.GetValue<string>() == item["id"]!.GetValue<string>())!["attributes"]!.Text("code"),
            Is.EqualTo(DemoSkus.Hoodie));

        // The customer step: a billing address, the shipping address cloned from it, a shipping method, wire transfer.
        var address = await CheckoutBuilder.CreateAddressAsync(salesChannel, "IT");
        var shipping = await CheckoutBuilder.ShippingMethodIdAsync(salesChannel, "Standard", "EUR");
        var payment = await CheckoutBuilder.PaymentMethodIdAsync(salesChannel, "wire_transfers", "EUR");
        var chosen = await salesChannel.PatchAsync($"orders/{order.Id}", Document("orders",
            new Dictionary<string, object?> { ["_billing_address_clone_id"] = address, ["_shipping_address_same_as_billing"] = true },
            new { shipping_method = ToOne("shipping_methods", shipping), payment_method = ToOne("payment_methods", payment) }, order.Id));
        Assert.That(chosen.Status, Is.EqualTo(HttpStatusCode.OK), chosen.ToString());
        var wire = await salesChannel.PostAsync("wire_transfers", Document("wire_transfers", new { }, new { order = ToOne("orders", order.Id) }));
        Assert.That(wire.Status, Is.EqualTo(HttpStatusCode.Created), wire.ToString());

        var placed = await salesChannel.PlaceAsync(order.Id);
        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        Assert.That(placed.Attributes.Text("status"), Is.EqualTo("placed"));
        Assert.That(placed.Attributes.Text("return_url"), Is.EqualTo("https://shop.example/thanks"));

        // The back office: the customer customer_email created, counted; approve and capture in one request.
        var customers = await Api.GetAsync($"customers?filter[q][email_eq]={Uri.EscapeDataString(email)}");
        Assert.That(customers.Data.AsArray().Select(c => c!["attributes"]!["total_orders_count"]!.GetValue<int>()), Is.EqualTo(new[] { 1 }));
        var captured = await Api.TriggerAsync(order.Id, "_approve_and_capture");
        Assert.That(captured.Status, Is.EqualTo(HttpStatusCode.OK), captured.ToString());
        Assert.That(captured.Attributes.Text("status"), Is.EqualTo("approved"));
        Assert.That(captured.Attributes.Text("payment_status"), Is.EqualTo("paid"));
    }
}
