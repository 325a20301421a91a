using Commerce.Api.Outbox;
using Commerce.Api.Persistence;
using Commerce.Domain.Orders;
using Commerce.Domain.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Recommendations;

/// <summary>
/// After <c>orders.place</c> the recommender counts the order's SKUs (<see cref="PurchaseCounts"/>); after <c>orders.cancel</c>
/// or <c>orders.refund</c> it counts them no more. Exactly once per event, whatever the redeliveries (the outbox's marker); the
/// changes commute, so events handled out of order end in the same counts.
/// </summary>
internal sealed class CountPurchases : IEventHandler
{
    public string Name => "recommendations.count";

    public bool Handles(string topic) => topic is OrderEvents.Placed or OrderEvents.Cancelled or OrderEvents.Refunded;

    public async Task HandleAsync(OutboxEvent outboxEvent, CommerceDbContext db, CancellationToken cancellationToken)
    {
        var skuIds = await db.LineItems.AsNoTracking().Where(l => l.OrderId == outboxEvent.ResourceId).Select(l => l.SkuId).ToListAsync(cancellationToken);
        var sign = outboxEvent.Topic == OrderEvents.Placed ? 1 : -1;
        await PurchaseCountWriter.ApplyAsync(db, PurchaseCounts.Of(PurchaseCounts.BasketOf(skuIds), sign), cancellationToken);
    }
}
