using System.Net;
using System.Text.Json.Nodes;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Orders;

/// <summary>
/// The order's own refusals (who may change it now, deleting it, the parts it freezes), written whole as a client reads
/// them: status, code, title, detail, pointer and meta, member by member in the order written (the request id aside).
/// </summary>
public sealed class Order_refusals_on_the_wire : ApiFixture
{
    private CheckoutBuilder Checkout() => new(Api);

    /// <summary>The first error of <paramref name="response"/> as JSON text, without the request id every error carries.</summary>
    private static string ErrorText(ApiResponse response)
    {
        var error = response.Error.DeepClone().AsObject();
        error["meta"]!.AsObject().Remove("request_id");
        return error.ToJsonString();
    }

    private static string Expected(int status, string code, string title, string detail, string pointer, JsonObject? meta = null) =>
        new JsonObject
        {
            ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["code"] = code,
            ["title"] = title,
            ["detail"] = detail,
            ["source"] = new JsonObject { ["pointer"] = pointer },
            ["meta"] = meta ?? [],
        }.ToJsonString();

    [Test]
    public async Task A_sales_channel_changing_a_placed_order_is_refused_at_the_status_in_the_orders_words()
    {
        var salesChannel = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());
        var order = await new CheckoutBuilder(salesChannel).BuildAsync();
        Assert.That((await salesChannel.PatchAsync($"orders/{order.Id}", Document("orders", new { _place = true }, id: order.Id))).Status, Is.EqualTo(HttpStatusCode.OK));

        var change = await salesChannel.PatchAsync($"orders/{order.Id}", Document("orders", new { reference = "late" }, id: order.Id));

        Assert.That(change.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), change.ToString());
        Assert.That(ErrorText(change), Is.EqualTo(Expected(422, "VALIDATION_ERROR", "Unprocessable entity",
            "The order is placed: only an integration may change it now.", "/data/attributes/status")));
    }

    [Test]
    public async Task A_sales_channel_sending_an_integration_trigger_to_a_placed_order_is_refused_for_its_role()
    {
        var salesChannel = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());
        var order = await new CheckoutBuilder(salesChannel).BuildAsync();
        Assert.That((await salesChannel.PatchAsync($"orders/{order.Id}", Document("orders", new { _place = true }, id: order.Id))).Status, Is.EqualTo(HttpStatusCode.OK));

        var approve = await salesChannel.PatchAsync($"orders/{order.Id}", Document("orders", new { _approve = true }, id: order.Id));

        Assert.That(approve.Status, Is.EqualTo(HttpStatusCode.Forbidden), approve.ToString());
        Assert.That(approve.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/_approve" }), "the role refuses before the order's state is asked");
    }

    [Test]
    public async Task Deleting_a_placed_order_is_refused_at_the_status()
    {
        var order = await Checkout().BuildAsync();
        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.OK));

        var deleted = await Api.DeleteAsync($"orders/{order.Id}");

        Assert.That(ErrorText(deleted), Is.EqualTo(Expected(422, "VALIDATION_ERROR", "Unprocessable entity",
            "Only draft or pending orders can be deleted; this one is placed.", "/data/attributes/status")));
    }

    [Test]
    public async Task Deleting_an_order_that_asked_the_gateway_is_refused_at_its_authorizations()
    {
        var order = await Checkout().PaidByCard("tok_chargeDeclined").BuildAsync();
        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));

        var deleted = await Api.DeleteAsync($"orders/{order.Id}");

        Assert.That(ErrorText(deleted), Is.EqualTo(Expected(422, "VALIDATION_ERROR", "Unprocessable entity",
            "This order has asked the gateway for an authorization (it failed): it is kept as the record of that attempt, "
            + "which settles a late approval, so it cannot be deleted. Leave it as it is.", "/data/relationships/authorizations")));
    }

    [Test]
    public async Task The_address_and_the_payment_source_of_a_placed_order_are_frozen_as_a_whole()
    {
        var order = await Checkout().BuildAsync();
        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.OK));

        var address = await Api.PatchAsync($"addresses/{order.ShippingAddressId}", Document("addresses", new { city = "Roma" }, id: order.ShippingAddressId));
        var token = await Api.PatchAsync($"external_payments/{order.PaymentSourceId}",
            Document("external_payments", new { payment_source_token = "tok_other" }, id: order.PaymentSourceId));

        Assert.That(ErrorText(address), Is.EqualTo(Expected(422, "VALIDATION_ERROR", "Unprocessable entity",
            "This address belongs to an order that is no longer editable.", "/data")));
        Assert.That(ErrorText(token), Is.EqualTo(Expected(422, "VALIDATION_ERROR", "Unprocessable entity",
            "This payment source belongs to an order that is no longer editable.", "/data")));
    }

    [Test]
    public async Task An_invalid_address_is_refused_at_each_attribute_at_fault()
    {
        var created = await Api.PostAsync("addresses", Document("addresses", new { first_name = "Mario", last_name = "Rossi", line_1 = "Via Roma 1", city = "Milano", zip_code = "20100", country_code = "XX" }));

        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), created.ToString());
        Assert.That(created.Errors.Select(e =>
        {
            var error = e!.DeepClone().AsObject();
            error["meta"]!.AsObject().Remove("request_id");
            return error.ToJsonString();
        }), Is.EqualTo(new[]
        {
            Expected(422, "VALIDATION_ERROR", "Unprocessable entity", "is not a valid ISO 3166-1 alpha-2 country code", "/data/attributes/country_code"),
            Expected(422, "VALIDATION_ERROR", "Unprocessable entity", "can't be blank", "/data/attributes/phone"),
        }));
    }

    [Test]
    public async Task A_placement_short_of_stock_names_the_sku_and_what_is_available()
    {
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 1000 }, stock: 3);
        var order = await Checkout().WithItem(sku.Code, 5).BuildAsync();

        var placed = await Api.PlaceAsync(order.Id);

        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), placed.ToString());
        Assert.That(ErrorText(placed), Is.EqualTo(Expected(422, "OUT_OF_STOCK", "Unprocessable entity",
            $"{sku.Code} is out of stock: 5 requested, 3 available", "/data/relationships/line_items",
            new JsonObject { ["sku_code"] = sku.Code, ["available"] = 3 })));
    }
}
