using Commerce.Api.Persistence;
using Commerce.Domain.Fulfillment;
using Commerce.Domain.Orders;
using Commerce.Domain.Placement;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Outbox;

/// <summary>
/// One effect of an event. The dispatcher runs it in a transaction together with its "handled" marker,
/// so however often an event is delivered, the effect happens once. Handlers must not call out of the
/// database (webhook deliveries are queued by <see cref="WebhookFanout"/> and sent by their own loop).
/// </summary>
public interface IEventHandler
{
    /// <summary>Stable name: part of the handled marker's key.</summary>
    string Name { get; }

    bool Handles(string topic);

    Task HandleAsync(OutboxEvent outboxEvent, CommerceDbContext db, CancellationToken cancellationToken);
}

/// <summary>After <c>orders.place</c>: an <c>upcoming</c> shipment with the order's goods and shipping method (when anything ships).</summary>
internal sealed class CreateShipment : IEventHandler
{
    public string Name => "shipments.create";

    public bool Handles(string topic) => topic == OrderEvents.Placed;

    public async Task HandleAsync(OutboxEvent outboxEvent, CommerceDbContext db, CancellationToken cancellationToken)
    {
        var order = await db.LoadAggregateAsync(outboxEvent.ResourceId, cancellationToken);
        if (order.RequiresShipping && !await db.Shipments.AnyAsync(s => s.OrderId == order.Id, cancellationToken))
            db.Shipments.Add(new Shipment(order));
    }
}

/// <summary>After <c>orders.cancel</c> or <c>orders.refund</c> (which cancels): the shipment is cancelled.</summary>
internal sealed class CancelShipment : IEventHandler
{
    public string Name => "shipments.cancel";

    public bool Handles(string topic) => topic is OrderEvents.Cancelled or OrderEvents.Refunded;

    public async Task HandleAsync(OutboxEvent outboxEvent, CommerceDbContext db, CancellationToken cancellationToken)
    {
        var shipment = await db.Shipments.FirstOrDefaultAsync(s => s.OrderId == outboxEvent.ResourceId, cancellationToken);
        shipment?.Cancel();
    }
}

/// <summary>
/// After <c>orders.cancel</c> or <c>orders.refund</c>: the units placement took go back to stock (nothing was
/// shipped: fulfillment is not modelled yet). Exactly once, whatever the crashes and redeliveries.
/// </summary>
internal sealed class ReturnStock : IEventHandler
{
    public string Name => "stock.return";

    public bool Handles(string topic) => topic is OrderEvents.Cancelled or OrderEvents.Refunded;

    public async Task HandleAsync(OutboxEvent outboxEvent, CommerceDbContext db, CancellationToken cancellationToken)
    {
        var lineItems = await db.LineItems.AsNoTracking().Where(l => l.OrderId == outboxEvent.ResourceId).ToListAsync(cancellationToken);
        // The units placement took (Stock.UnitsOf, in the SKU order placements take them). Atomic increments: placements may
        // be taking units of the same SKUs at the same time.
        foreach (var unit in Stock.UnitsOf(lineItems))
            await db.StockItems.Where(s => s.SkuId == unit.SkuId)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.Quantity, s => s.Quantity + unit.Quantity), cancellationToken);
    }
}
