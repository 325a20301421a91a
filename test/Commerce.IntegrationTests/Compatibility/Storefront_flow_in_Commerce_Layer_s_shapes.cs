using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Compatibility;

/// <summary>
/// A storefront's checkout as Commerce Layer's own clients make it, request by request, in CL's shapes: the organization,
/// a sales channel token, the catalog with sparse fieldsets, an order whose customer comes from customer_email, a line
/// item read back through include, addresses cloned as CL's checkout does, wire transfer, _place, then
/// _approve_and_capture by an integration. The market-scoped token, an order created without currency_code,
/// fields[skus]=id, prices by sku_code, skus.inventory and item_type/line_items.item are the markets' and promotions'
/// parts of this flow (docs/commerce-layer-compatibility.md says which steps are covered where).
/// </summary>
public sealed class Storefront_flow_in_Commerce_Layer_s_shapes : ApiFixture
{
    [Test]
    public async Task A_Commerce_Layer_style_storefront_flow_places_an_order_that_an_integration_approves_and_captures()
    {
        // The branding of the hosted checkout.
        var salesChannel = Factory.CreateApiClient(await Factory.GetTokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = CommerceFactory.SalesChannelId }));
        var organization = await salesChannel.GetAsync("organization?fields[organizations]=name,slug,primary_color");
        Assert.That(organization.Status, Is.EqualTo(HttpStatusCode.OK), organization.ToString());

        // The catalog, as react-components ask for it.
        var skus = await salesChannel.GetAsync($"skus?fields[skus]=code,name&filter[q][code_in]={DemoSkus.Hoodie},{DemoSkus.Mug}");
        Assert.That(skus.Status, Is.EqualTo(HttpStatusCode.OK), skus.ToString());
        Assert.That(skus.Data.AsArray(), Has.Count.EqualTo(2));

        // The cart: currency, language, the customer's email, the links CL's checkout reads.
        var email = $"{Guid.NewGuid():N}@example.com";
        var order = await salesChannel.PostAsync("orders", Document("orders", new
        {
            currency_code = "EUR", language_code = "en", customer_email = email,
            cart_url = "https://shop.example/cart", return_url = "https://shop.example/thanks",
        }));
        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.Created), order.ToString());
        var line = await salesChannel.PostAsync("line_items", Document("line_items",
            new Dictionary<string, object?> { ["sku_code"] = DemoSkus.Hoodie, ["quantity"] = 1, ["_update_quantity"] = true },
            new { order = ToOne("orders", order.Id) }));
        Assert.That(line.Status, Is.EqualTo(HttpStatusCode.Created), line.ToString());
        var cart = await salesChannel.GetAsync($"orders/{order.Id}?include=line_items&fields[orders]=status,formatted_total_amount,line_items,guest&fields[line_items]=sku_code,name,quantity");
        Assert.That(cart.Attributes.Text("status"), Is.EqualTo("pending"));
        Assert.That(cart.Body!["included"]!.AsArray().Select(l => l!["attributes"]!.Text("sku_code")), Is.EqualTo(new[] { DemoSkus.Hoodie }));

        // The customer step: a billing address, the shipping address cloned from it, a shipping method, wire transfer.
        var address = await CheckoutBuilder.CreateAddressAsync(salesChannel, "IT");
        var shipping = await CheckoutBuilder.ShippingMethodIdAsync(salesChannel, "Standard", "EUR");
        var payment = await CheckoutBuilder.PaymentMethodIdAsync(salesChannel, "wire_transfers", "EUR");
        var chosen = await salesChannel.PatchAsync($"orders/{order.Id}", Document("orders", new Dictionary<string, object?> { ["_shipping_address_same_as_billing"] = true },
            new { billing_address = ToOne("addresses", address), shipping_method = ToOne("shipping_methods", shipping), payment_method = ToOne("payment_methods", payment) }, order.Id));
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
