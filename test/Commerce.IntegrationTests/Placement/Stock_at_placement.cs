using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Placement;

/// <summary>Placed orders take their units: what one order took cannot be sold again.</summary>
public sealed class Stock_at_placement : ApiFixture
{
    [Test]
    public async Task Units_taken_by_a_placed_order_are_not_available_to_the_next()
    {
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 1000 }, stock: 3);
        var first = await new CheckoutBuilder(Api).WithItem(sku.Code, 2).BuildAsync();
        var second = await new CheckoutBuilder(Api).WithItem(sku.Code, 2).BuildAsync();

        var placed = await Api.PlaceAsync(first.Id);
        var oversold = await Api.PlaceAsync(second.Id);

        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        Assert.That(oversold.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), oversold.ToString());
        Assert.That(oversold.Error.Text("code"), Is.EqualTo("OUT_OF_STOCK"));
        Assert.That(oversold.Error["meta"]!["available"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That((await Api.OrderAsync(second.Id)).Text("status"), Is.EqualTo("pending"));
    }

    [Test]
    public async Task The_last_units_can_be_placed()
    {
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 1000 }, stock: 3);
        var first = await new CheckoutBuilder(Api).WithItem(sku.Code, 2).BuildAsync();
        var second = await new CheckoutBuilder(Api).WithItem(sku.Code, 1).BuildAsync();

        Assert.That((await Api.PlaceAsync(first.Id)).Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Api.PlaceAsync(second.Id)).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_declined_placement_takes_no_units()
    {
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 1000 }, stock: 2);
        var declined = await new CheckoutBuilder(Api).WithItem(sku.Code, 2).PaidByCard("tok_chargeDeclined").BuildAsync();
        var next = await new CheckoutBuilder(Api).WithItem(sku.Code, 2).BuildAsync();

        Assert.That((await Api.PlaceAsync(declined.Id)).Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        var placed = await Api.PlaceAsync(next.Id);

        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
    }

    [Test]
    public async Task A_gateway_error_gives_the_units_back()
    {
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 1000 }, stock: 2);
        var failing = await new CheckoutBuilder(Api).WithItem(sku.Code, 2).PaidByCard("tok_gatewayError").BuildAsync();
        var next = await new CheckoutBuilder(Api).WithItem(sku.Code, 2).BuildAsync();

        Assert.That((await Api.PlaceAsync(failing.Id)).Status, Is.EqualTo(HttpStatusCode.BadGateway));
        var placed = await Api.PlaceAsync(next.Id);

        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
    }

    [Test]
    public async Task Orders_racing_for_the_last_units_are_not_both_placed()
    {
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 1000 }, stock: 5);
        var orders = new List<CheckoutOrder>();
        for (var i = 0; i < 5; i++)
            orders.Add(await new CheckoutBuilder(Api).WithItem(sku.Code, 2).BuildAsync());

        var responses = await Task.WhenAll(orders.Select(o => Task.Run(() => Api.PlaceAsync(o.Id))));

        var all = string.Join("\n", responses.Select(r => r.ToString()));
        Assert.That(responses.Count(r => r.Status == HttpStatusCode.OK), Is.EqualTo(2), all);
        Assert.That(responses.Where(r => r.Status != HttpStatusCode.OK).Select(r => r.Error.Text("code")), Is.All.EqualTo("OUT_OF_STOCK"), all);
        var late = await new CheckoutBuilder(Api).WithItem(sku.Code, 1).BuildAsync();
        var lastUnit = await Api.PlaceAsync(late.Id);
        Assert.That(lastUnit.Status, Is.EqualTo(HttpStatusCode.OK), "one unit is left: " + lastUnit);
    }

    [TestCase("_cancel")]
    [TestCase("_refund")]
    public async Task A_cancelled_order_gives_its_units_back(string trigger)
    {
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 1000 }, stock: 2);
        var first = await new CheckoutBuilder(Api).WithItem(sku.Code, 2).BuildAsync();
        var next = await new CheckoutBuilder(Api).WithItem(sku.Code, 2).BuildAsync();
        Assert.That((await Api.PlaceAsync(first.Id)).Status, Is.EqualTo(HttpStatusCode.OK));
        if (trigger == "_refund")
            Assert.That((await Api.TriggerAsync(first.Id, "_capture")).Status, Is.EqualTo(HttpStatusCode.OK));

        var cancelled = await Api.TriggerAsync(first.Id, trigger);
        await Eventually.OutboxIdleAsync(Api);
        var placed = await Api.PlaceAsync(next.Id);

        Assert.That(cancelled.Status, Is.EqualTo(HttpStatusCode.OK), cancelled.ToString());
        Assert.That(cancelled.Attributes.Text("status"), Is.EqualTo("cancelled"));
        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
    }

    [Test]
    public async Task A_refused_cancel_gives_nothing_back()
    {
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 1000 }, stock: 2);
        var first = await new CheckoutBuilder(Api).WithItem(sku.Code, 2).BuildAsync();
        var next = await new CheckoutBuilder(Api).WithItem(sku.Code, 1).BuildAsync();
        Assert.That((await Api.PlaceAsync(first.Id)).Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Api.TriggerAsync(first.Id, "_capture")).Status, Is.EqualTo(HttpStatusCode.OK));

        var refused = await Api.TriggerAsync(first.Id, "_cancel");
        await Eventually.OutboxIdleAsync(Api);
        var oversold = await Api.PlaceAsync(next.Id);

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), "a paid order is refunded, not cancelled");
        Assert.That(oversold.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), oversold.ToString());
        Assert.That(oversold.Error.Text("code"), Is.EqualTo("OUT_OF_STOCK"));
    }

    [Test]
    public async Task A_sku_without_a_stock_item_is_out_of_stock()
    {
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 1000 }, stock: 0);
        var order = await new CheckoutBuilder(Api).WithItem(sku.Code, 1).BuildAsync();

        var response = await Api.PlaceAsync(order.Id);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), response.ToString());
        Assert.That(response.Error.Text("code"), Is.EqualTo("OUT_OF_STOCK"));
        Assert.That(response.Error["meta"]!["available"]!.GetValue<int>(), Is.Zero);
    }
}
