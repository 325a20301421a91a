using Commerce.Api.Persistence.Configurations;
using Commerce.Domain.Common;
using Commerce.Domain.GiftCards;
using Commerce.Domain.Orders;
using Commerce.Domain.Placement;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Placement;

/// <summary>
/// The gift cards an order buys (line items of <c>item_type</c> <c>gift_cards</c>), as a placement participant. In the
/// compare-and-set's transaction each card moves <c>draft</c> → <c>inactive</c> (bought, not yet usable) by a conditional update
/// that also checks the price the shopper saw is still the card's balance, so two orders buying one card place once. Placing
/// commits it: the card becomes <c>active</c>. A decline, gateway failure or undone placement releases it: <c>draft</c> again,
/// buyable. <c>_cancel</c> deactivates it (<c>inactive</c>), and is refused (422) while the card has been spent, so a person
/// decides; <c>_refund</c> leaves it as it is (only a card's balance comes back on a refund, see <see cref="GiftCardRedemptions"/>).
/// </summary>
internal sealed class GiftCardPurchases : IPlacementParticipant
{
    public string Name => "gift_card_purchases";

    public async Task<IReadOnlyList<DomainFailure>> HoldAsync(PlacementParticipation placement, CancellationToken cancellationToken)
    {
        var failures = new List<DomainFailure>();
        var now = placement.Now;
        var currency = placement.Order.CurrencyCode;
        foreach (var line in placement.Order.LineItems.Where(l => l.IsGiftCardPurchase && l.ItemId is not null))
        {
            var cardId = line.ItemId!;
            var price = line.UnitAmountCents;
            var bought = await placement.Db.GiftCards
                .Where(c => c.Id == cardId && c.Status == GiftCardStatus.Draft && c.CurrencyCode == currency && c.BalanceCents == price)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.Status, GiftCardStatus.Inactive)
                    .SetProperty(c => EF.Property<int>(c, GiftCardConfiguration.Version), c => EF.Property<int>(c, GiftCardConfiguration.Version) + 1)
                    .SetProperty(c => c.UpdatedAt, now), cancellationToken);
            if (bought == 1)
            {
                placement.Hold(cardId, price);
                continue;
            }
            var card = await placement.Db.GiftCards.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cardId, cancellationToken);
            failures.Add(DomainFailure.AtRelationship("line_items", card is null
                ? "A gift card this order buys no longer exists: remove its line."
                : card.Status != GiftCardStatus.Draft
                    ? "A gift card this order buys is no longer a draft (another order bought it, or it was activated): remove its line."
                    : "A gift card this order buys changed its balance since it was added: remove its line and add it again."));
        }
        return failures;
    }

    public Task CommitAsync(PlacementParticipation placement, IReadOnlyList<PlacementHold> holds, CancellationToken cancellationToken) =>
        MoveInactiveCardsAsync(placement, holds, GiftCardStatus.Active, cancellationToken);

    public Task ReleaseAsync(PlacementParticipation placement, IReadOnlyList<PlacementHold> holds, CancellationToken cancellationToken) =>
        MoveInactiveCardsAsync(placement, holds, GiftCardStatus.Draft, cancellationToken);

    /// <summary>The held cards still <c>inactive</c> become <paramref name="status"/> (active: with the time of activation).</summary>
    private static async Task MoveInactiveCardsAsync(PlacementParticipation placement, IReadOnlyList<PlacementHold> holds, string status, CancellationToken cancellationToken)
    {
        var now = placement.Now;
        foreach (var hold in holds)
            await placement.Db.GiftCards
                .Where(c => c.Id == hold.TargetId && c.Status == GiftCardStatus.Inactive)
                .ExecuteUpdateAsync(set =>
                {
                    set.SetProperty(c => c.Status, status)
                        .SetProperty(c => EF.Property<int>(c, GiftCardConfiguration.Version), c => EF.Property<int>(c, GiftCardConfiguration.Version) + 1)
                        .SetProperty(c => c.UpdatedAt, now);
                    if (status == GiftCardStatus.Active)
                        set.SetProperty(c => c.ActivatedAt, now);
                }, cancellationToken);
    }

    /// <summary>A cancel is refused while a card the order bought has been spent (or is being spent): a person decides.</summary>
    public async Task<IReadOnlyList<DomainFailure>> CheckGiveBackAsync(PlacementParticipation placement, IReadOnlyList<PlacementHold> holds, string topic, CancellationToken cancellationToken)
    {
        if (topic != OrderEvents.Cancelled)
            return [];
        var ids = holds.Select(h => h.TargetId).ToList();
        var cards = await placement.Db.GiftCards.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        return cards.Any(c => c.Status == GiftCardStatus.Redeemed || c.BalanceCents < holds.First(h => h.TargetId == c.Id).Amount)
            ? [DomainFailure.AtAttribute("_cancel",
                "A gift card this order bought has already been spent: the order cannot be cancelled automatically. Settle the card first (deactivate it or change its balance), then cancel.")]
            : [];
    }

    /// <summary>A cancelled order's cards are deactivated (a refund leaves them: only balances come back on a refund).</summary>
    public async Task<IReadOnlyList<PlacementHold>> GiveBackAsync(PlacementParticipation placement, IReadOnlyList<PlacementHold> holds, string topic, CancellationToken cancellationToken)
    {
        if (topic != OrderEvents.Cancelled)
            return [];
        var now = placement.Now;
        foreach (var hold in holds)
            await placement.Db.GiftCards
                .Where(c => c.Id == hold.TargetId && c.Status == GiftCardStatus.Active)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.Status, GiftCardStatus.Inactive)
                    .SetProperty(c => EF.Property<int>(c, GiftCardConfiguration.Version), c => EF.Property<int>(c, GiftCardConfiguration.Version) + 1)
                    .SetProperty(c => c.UpdatedAt, now), cancellationToken);
        return holds;
    }
}
