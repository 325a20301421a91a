using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Placement;

/// <summary>Every placement precondition of the contract's table, alone and all at once: 422, every failure with its pointer, nothing changed.</summary>
public sealed class Placement_preconditions : ApiFixture
{
    private CheckoutBuilder Checkout() => new(Api);

    private async Task<ApiResponse> AssertPlacementRefused(CheckoutOrder order, params string[] pointers)
    {
        var before = (await Api.OrderAsync(order.Id)).ToJsonString();

        var response = await Api.PlaceAsync(order.Id);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), response.ToString());
        Assert.That(response.ErrorPointers, Is.EquivalentTo(pointers), response.ToString());
        Assert.That((await Api.OrderAsync(order.Id)).ToJsonString(), Is.EqualTo(before), "a refused placement changes nothing");
        Assert.That(await Api.RelatedAsync(order.Id, "authorizations"), Is.Empty, "nothing was authorized");
        return response;
    }

    [Test]
    public async Task The_default_checkout_is_placeable()
    {
        var order = await Checkout().BuildAsync();

        Assert.That((await Api.OrderAsync(order.Id))["placeable"]!.GetValue<bool>(), Is.True,
            "the builder's default order must be placeable, or the tests below prove nothing");
    }

    [Test]
    public async Task An_order_without_line_items_cannot_be_placed()
    {
        var order = await Checkout().WithoutItems().BuildAsync();

        await AssertPlacementRefused(order, "/data/relationships/line_items");
    }

    [Test]
    public async Task An_order_without_customer_email_cannot_be_placed()
    {
        var order = await Checkout().WithEmail(null).BuildAsync();

        await AssertPlacementRefused(order, "/data/attributes/customer_email");
    }

    [Test]
    public async Task An_ill_formed_customer_email_is_refused_when_set_and_the_order_stays_unplaceable()
    {
        var order = await Checkout().WithEmail(null).BuildAsync();

        var response = await Api.PlaceAsync(order.Id, new { customer_email = "not-an-email" });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), response.ToString());
        Assert.That(response.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/customer_email" }));
        var after = await Api.OrderAsync(order.Id);
        Assert.That(after["customer_email"], Is.Null);
        Assert.That(after.Text("status"), Is.EqualTo("pending"));
    }

    [Test]
    public async Task An_order_without_billing_address_cannot_be_placed()
    {
        var order = await Checkout().WithoutBillingAddress().BuildAsync();

        await AssertPlacementRefused(order, "/data/relationships/billing_address");
    }

    [Test]
    public async Task An_order_whose_items_ship_needs_a_shipping_address()
    {
        var order = await Checkout().WithoutShippingAddress().BuildAsync();

        await AssertPlacementRefused(order, "/data/relationships/shipping_address");
    }

    [Test]
    public async Task An_order_of_items_that_do_not_ship_needs_no_shipping_address_nor_method()
    {
        var order = await Checkout().WithItem(DemoSkus.GiftCard).WithoutShippingAddress().WithoutShippingMethod().BuildAsync();

        var response = await Api.PlaceAsync(order.Id);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Attributes.Text("status"), Is.EqualTo("placed"));
        Assert.That(response.Attributes.Text("fulfillment_status"), Is.EqualTo("not_required"));
    }

    [Test]
    public async Task An_order_without_shipping_method_cannot_be_placed()
    {
        var order = await Checkout().WithoutShippingMethod().BuildAsync();

        await AssertPlacementRefused(order, "/data/relationships/shipping_method");
    }

    [Test]
    public async Task A_shipping_method_that_does_not_serve_the_shipping_country_is_refused()
    {
        // Express serves IT, DE and FR only.
        var order = await Checkout().WithShippingCountry("ES").WithShippingMethod("Express").BuildAsync();

        await AssertPlacementRefused(order, "/data/relationships/shipping_method");
    }

    [Test]
    public async Task An_order_without_payment_method_cannot_be_placed()
    {
        var order = await Checkout().WithoutPaymentMethod().WithoutPaymentSource().BuildAsync();
        await Api.PostAsync("external_payments", Document("external_payments", new { payment_source_token = "tok_visa" }, new { order = ToOne("orders", order.Id) }));

        await AssertPlacementRefused(order, "/data/relationships/payment_method");
    }

    [Test]
    public async Task A_disabled_payment_method_is_refused()
    {
        var method = await Api.PostAsync("payment_methods", Document("payment_methods",
            new { name = "Old wire", payment_source_type = "wire_transfers", currency_code = "EUR", disabled_at = "2026-01-01T00:00:00.000Z" }));
        Assert.That(method.Status, Is.EqualTo(HttpStatusCode.Created), method.ToString());
        var order = await Checkout().PaidByWireTransfer().BuildAsync();
        var linked = await Api.PatchAsync($"orders/{order.Id}", Document("orders", relationships: new { payment_method = ToOne("payment_methods", method.Id) }, id: order.Id));
        Assert.That(linked.Status, Is.EqualTo(HttpStatusCode.OK), linked.ToString());

        await AssertPlacementRefused(order, "/data/relationships/payment_method");
    }

    [Test]
    public async Task A_payment_method_in_another_currency_is_refused()
    {
        var order = await Checkout().PaidByWireTransfer().BuildAsync();
        var usd = await CheckoutBuilder.PaymentMethodIdAsync(Api, "wire_transfers", "USD");
        var linked = await Api.PatchAsync($"orders/{order.Id}", Document("orders", relationships: new { payment_method = ToOne("payment_methods", usd) }, id: order.Id));
        Assert.That(linked.Status, Is.EqualTo(HttpStatusCode.OK), linked.ToString());

        await AssertPlacementRefused(order, "/data/relationships/payment_method");
    }

    [Test]
    public async Task An_order_without_payment_source_cannot_be_placed()
    {
        var order = await Checkout().WithoutPaymentSource().BuildAsync();

        await AssertPlacementRefused(order, "/data/relationships/payment_source");
    }

    [Test]
    public async Task A_payment_source_of_another_type_than_the_method_takes_is_refused()
    {
        var order = await Checkout().PaidByCard().WithMismatchedPaymentSource().BuildAsync();

        await AssertPlacementRefused(order, "/data/relationships/payment_source");
    }

    [Test]
    public async Task More_than_in_stock_is_out_of_stock_naming_the_sku_and_what_is_available()
    {
        var order = await Checkout().WithItem(DemoSkus.Cap, 4).BuildAsync();

        var response = await AssertPlacementRefused(order, "/data/relationships/line_items");

        Assert.That(response.Error.Text("code"), Is.EqualTo("OUT_OF_STOCK"));
        Assert.That(response.Error["meta"]!.Text("sku_code"), Is.EqualTo(DemoSkus.Cap));
        Assert.That(response.Error["meta"]!["available"]!.GetValue<int>(), Is.EqualTo(3));
    }

    [Test]
    public async Task Every_failing_precondition_is_listed_in_one_422()
    {
        var order = await Checkout()
            .WithItem(DemoSkus.Cap, 4)
            .WithEmail(null)
            .WithoutBillingAddress()
            .WithoutShippingAddress()
            .WithoutShippingMethod()
            .WithoutPaymentMethod()
            .WithoutPaymentSource()
            .BuildAsync();

        var response = await AssertPlacementRefused(order,
            "/data/attributes/customer_email",
            "/data/relationships/billing_address",
            "/data/relationships/shipping_address",
            "/data/relationships/shipping_method",
            "/data/relationships/payment_method",
            "/data/relationships/payment_source",
            "/data/relationships/line_items");

        Assert.That(response.Errors.Select(e => e!.Text("status")), Is.Not.Empty.And.All.EqualTo("422"));
        Assert.That(response.Errors.Count(e => e!.Text("code") == "OUT_OF_STOCK"), Is.EqualTo(1));
    }

    [Test]
    public async Task An_empty_order_lists_its_missing_items_with_everything_else()
    {
        var order = await Checkout().WithoutItems().WithEmail(null).WithoutBillingAddress().WithoutPaymentMethod().WithoutPaymentSource().BuildAsync();

        await AssertPlacementRefused(order,
            "/data/relationships/line_items",
            "/data/attributes/customer_email",
            "/data/relationships/billing_address",
            "/data/relationships/payment_method",
            "/data/relationships/payment_source");
    }
}
