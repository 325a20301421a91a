using System.Net;
using Commerce.Api.Outbox;
using Commerce.Api.Persistence;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Outbox;

/// <summary>What happens after an order is placed or cancelled, through the outbox.</summary>
public sealed class After_placement : ApiFixture
{
    private async Task<JsonApiResponseShipments> ShipmentsAsync(string orderId)
    {
        var response = await Api.GetAsync($"orders/{orderId}/shipments");
        return new JsonApiResponseShipments([.. response.Data.AsArray().Select(s => s!["attributes"]!["status"]!.GetValue<string>())]);
    }

    private sealed record JsonApiResponseShipments(IReadOnlyList<string> Statuses);

    [Test]
    public async Task Placing_creates_an_upcoming_shipment_and_takes_stock()
    {
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 1000 }, stock: 10);
        var order = await new CheckoutBuilder(Api).WithItem(sku.Code, 3).BuildAsync();

        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.OK));
        var shipped = await Eventually.TrueAsync(async () => (await ShipmentsAsync(order.Id)).Statuses.SequenceEqual(["upcoming"]));
        var stock = await Api.GetAsync($"skus/{sku.Id}/stock_item");
        var shipment = await Api.GetAsync($"orders/{order.Id}/shipments?include=shipping_method");

        Assert.That(shipped, Is.True, "an upcoming shipment");
        Assert.That(stock.Attributes["quantity"]!.GetValue<int>(), Is.EqualTo(7));
        Assert.That(shipment.Data[0]!["attributes"]!["skus_count"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(shipment.Body!["included"]![0]!["attributes"]!["name"]!.GetValue<string>(), Is.EqualTo("Standard"));
    }

    [Test]
    public async Task An_order_of_goods_that_need_no_shipping_gets_no_shipment()
    {
        var order = await new CheckoutBuilder(Api).WithItem(DemoSkus.GiftCard, 1).BuildAsync();

        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.OK));
        await Eventually.OutboxIdleAsync(Api);

        Assert.That((await ShipmentsAsync(order.Id)).Statuses, Is.Empty);
    }

    [Test]
    public async Task Cancelling_cancels_the_shipment_and_returns_the_stock_once()
    {
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 1000 }, stock: 10);
        var order = await new CheckoutBuilder(Api).WithItem(sku.Code, 4).BuildAsync();
        await Api.PlaceAsync(order.Id);
        await Eventually.OutboxIdleAsync(Api);

        Assert.That((await Api.TriggerAsync(order.Id, "_cancel")).Status, Is.EqualTo(HttpStatusCode.OK));
        await Eventually.OutboxIdleAsync(Api);
        await RedeliverAllAsync();

        Assert.That((await ShipmentsAsync(order.Id)).Statuses, Is.EqualTo(new[] { "cancelled" }));
        Assert.That((await Api.GetAsync($"skus/{sku.Id}/stock_item")).Attributes["quantity"]!.GetValue<int>(), Is.EqualTo(10),
            "the 4 units came back once, though every event was delivered again");
    }

    [Test]
    public async Task Each_effect_happens_once_even_when_every_event_is_delivered_twice()
    {
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 1000 }, stock: 10);
        var order = await new CheckoutBuilder(Api).WithItem(sku.Code, 2).BuildAsync();
        await Api.PlaceAsync(order.Id);
        await Eventually.OutboxIdleAsync(Api);

        var delivered = await RedeliverAllAsync();

        Assert.That(delivered, Is.GreaterThan(0));
        Assert.That((await ShipmentsAsync(order.Id)).Statuses, Has.Count.EqualTo(1));
        Assert.That((await Api.GetAsync($"skus/{sku.Id}/stock_item")).Attributes["quantity"]!.GetValue<int>(), Is.EqualTo(8));
        var events = await Api.GetAsync($"events?filter[q][resource_id_eq]={order.Id}");
        Assert.That(events.Data.AsArray().Select(e => e!["attributes"]!["status"]!.GetValue<string>()), Is.Not.Empty.And.All.EqualTo("done"));
    }

    /// <summary>Puts every event back to pending and runs the dispatcher over them again, as a redelivery would.</summary>
    private async Task<int> RedeliverAllAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        await db.OutboxEvents.ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, OutboxStatus.Pending).SetProperty(e => e.ProcessedAt, (DateTimeOffset?)null));
        var total = 0;
        int processed;
        while ((processed = await Factory.Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(CancellationToken.None)) > 0)
            total += processed;
        await Eventually.OutboxIdleAsync(Api);
        return total;
    }
}
