using Commerce.Api.Persistence.Configurations;
using Commerce.Domain.Common;
using Commerce.Domain.GiftCards;
using Commerce.Domain.Orders;
using Commerce.Domain.Placement;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Placement;

/// <summary>
/// The gift card an order pays with (<c>gift_card_code</c>), as a placement participant: the balance is taken once, in the
/// compare-and-set's transaction, by a conditional update that cannot overshoot (<c>… WHERE balance_cents &gt;= amount</c> and the
/// card still active, unexpired, in the order's currency), with a <c>held</c> usage entry in the card's ledger. Placing commits it
/// (a single-use card is <c>redeemed</c>); a decline, gateway failure or undone placement releases it (the balance comes back, the
/// entry is <c>released</c>); <c>_cancel</c> and <c>_refund</c> give it back (a <c>restore</c> entry; a redeemed card is active again).
/// The card's balance always equals the sum of its ledger entries that count.
/// </summary>
internal sealed class GiftCardRedemptions : IPlacementParticipant
{
    public string Name => "gift_cards";

    public async Task<IReadOnlyList<DomainFailure>> HoldAsync(PlacementParticipation placement, CancellationToken cancellationToken)
    {
        var order = placement.Order;
        if (order.GiftCardId is not { } cardId || order.GiftCardAmountCents == 0)
            return [];
        var amount = -order.GiftCardAmountCents;
        var now = placement.Now;
        var currency = order.CurrencyCode;
        var db = placement.Db;
        var taken = await db.GiftCards
            .Where(c => c.Id == cardId && c.Status == GiftCardStatus.Active && c.CurrencyCode == currency && c.BalanceCents >= amount
                && (c.ExpiresAt == null || c.ExpiresAt > now))
            .ExecuteUpdateAsync(set => set
                .SetProperty(c => c.BalanceCents, c => c.BalanceCents - amount)
                .SetProperty(c => EF.Property<int>(c, GiftCardConfiguration.Version), c => EF.Property<int>(c, GiftCardConfiguration.Version) + 1)
                .SetProperty(c => c.UpdatedAt, now), cancellationToken);
        if (taken == 1)
        {
            placement.Hold(cardId, amount);
            db.GiftCardLedger.Add(GiftCardLedgerEntry.Hold(cardId, order.Id, amount, now));
            return [];
        }
        var card = await db.GiftCards.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cardId, cancellationToken);
        var reason = card?.UnusableBecause(currency, now);
        if (reason is not null || card is null)
            return [DomainFailure.AtAttribute(OrderMember, (reason ?? "This gift card no longer exists.") + " Nothing was taken; remove it or use another one.")];
        return [new DomainFailure(FailureCodes.ValidationError, OrderMember, false,
            "The gift card's balance changed since the order was priced (another order used it): nothing was taken. Reload the order and place it again.",
            new Dictionary<string, object?> { ["previous"] = -amount, ["current"] = -card.AmountFor(amount) })];
    }

    public async Task CommitAsync(PlacementParticipation placement, IReadOnlyList<PlacementHold> holds, CancellationToken cancellationToken)
    {
        var db = placement.Db;
        var now = placement.Now;
        foreach (var hold in holds)
        {
            await SettleEntryAsync(db, hold, GiftCardEntryState.Committed, now, cancellationToken);
            await db.GiftCards
                .Where(c => c.Id == hold.TargetId && c.SingleUse && c.Status == GiftCardStatus.Active)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.Status, GiftCardStatus.Redeemed)
                    .SetProperty(c => EF.Property<int>(c, GiftCardConfiguration.Version), c => EF.Property<int>(c, GiftCardConfiguration.Version) + 1)
                    .SetProperty(c => c.UpdatedAt, now), cancellationToken);
        }
    }

    public async Task ReleaseAsync(PlacementParticipation placement, IReadOnlyList<PlacementHold> holds, CancellationToken cancellationToken)
    {
        foreach (var hold in holds)
        {
            await SettleEntryAsync(placement.Db, hold, GiftCardEntryState.Released, placement.Now, cancellationToken);
            await GiveBalanceBackAsync(placement.Db, hold, placement.Now, cancellationToken);
        }
    }

    /// <summary>A cancelled or refunded order's use comes back whole: the balance, and a redeemed single-use card is active again.</summary>
    public async Task<IReadOnlyList<PlacementHold>> GiveBackAsync(PlacementParticipation placement, IReadOnlyList<PlacementHold> holds, string topic, CancellationToken cancellationToken)
    {
        foreach (var hold in holds)
        {
            await GiveBalanceBackAsync(placement.Db, hold, placement.Now, cancellationToken);
            placement.Db.GiftCardLedger.Add(GiftCardLedgerEntry.Restore(hold.TargetId, hold.OrderId, hold.Amount, placement.Now));
        }
        if (placement.Db.ChangeTracker.HasChanges())
            await placement.Db.SaveChangesAsync(cancellationToken);
        return holds;
    }

    private const string OrderMember = "gift_card_code";

    private static Task GiveBalanceBackAsync(Persistence.CommerceDbContext db, PlacementHold hold, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.GiftCards.Where(c => c.Id == hold.TargetId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(c => c.BalanceCents, c => c.BalanceCents + hold.Amount)
                .SetProperty(c => c.Status, c => c.Status == GiftCardStatus.Redeemed ? GiftCardStatus.Active : c.Status)
                .SetProperty(c => EF.Property<int>(c, GiftCardConfiguration.Version), c => EF.Property<int>(c, GiftCardConfiguration.Version) + 1)
                .SetProperty(c => c.UpdatedAt, now), cancellationToken);

    /// <summary>The order's held usage entry of the card becomes <paramref name="state"/> (exactly one: the hold wrote it).</summary>
    private static async Task SettleEntryAsync(Persistence.CommerceDbContext db, PlacementHold hold, string state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var moved = await db.GiftCardLedger
            .Where(e => e.GiftCardId == hold.TargetId && e.OrderId == hold.OrderId && e.Kind == GiftCardEntryKind.Usage && e.State == GiftCardEntryState.Held)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.State, state).SetProperty(e => e.UpdatedAt, now), cancellationToken);
        if (moved != 1)
            throw new DbUpdateConcurrencyException($"the held gift card use of order {hold.OrderId} was settled by another actor");
    }
}
