using Commerce.Domain.Common;
using Commerce.Domain.GiftCards;
using Commerce.Domain.Money;

namespace Commerce.Domain.Orders;

/// <summary>
/// The order's gift card (<c>gift_card_code</c>): it pays part or all of the order. <see cref="GiftCardAmountCents"/> =
/// −min(balance, total), recomputed by <see cref="Recalculate"/>; <c>total_amount_with_taxes</c> falls by it and is what the
/// gateway authorizes. The card's balance is taken only at placement (a hold of the <c>gift_cards</c> placement participant).
/// </summary>
public sealed partial class Order
{
    /// <summary>The code as the shopper sent it (matched exactly); null without a card.</summary>
    public string? GiftCardCode { get; private set; }
    public string? GiftCardId { get; private set; }
    public GiftCard? GiftCard { get; private set; }
    /// <summary>What the card pays: ≤ 0, −min(balance, total amount with taxes before the card).</summary>
    public long GiftCardAmountCents { get; private set; }

    /// <summary>
    /// Pays with <paramref name="card"/>, found by <paramref name="code"/>: it must be usable now in the order's currency
    /// (active, not expired, with a balance). <c>VALIDATION_ERROR</c> at <c>gift_card_code</c> otherwise, nothing changed; the
    /// detail never holds the code.
    /// </summary>
    public void ApplyGiftCard(GiftCard card, string code, DateTimeOffset now)
    {
        EnsureEditable();
        if (card.UnusableBecause(CurrencyCode, now) is { } reason)
            throw new DomainException(FailureCodes.ValidationError, reason, "gift_card_code");
        GiftCard = card;
        GiftCardId = card.Id;
        GiftCardCode = code;
        Recalculate();
    }

    /// <summary>A blank <c>gift_card_code</c>: the order no longer pays with a card.</summary>
    public void RemoveGiftCard()
    {
        EnsureEditable();
        GiftCard = null;
        GiftCardId = null;
        GiftCardCode = null;
        Recalculate();
    }

    /// <summary>
    /// The card's part of the totals, after the rest is priced. Without <c>distribute_discount</c> the card is a means of
    /// payment: taxes stay as they are. With it, the card lowers the tax base: the tax is what the remaining amount holds.
    /// A card that stopped being usable (deactivated, spent elsewhere) pays what it can: nothing when inactive.
    /// </summary>
    private void PriceGiftCard()
    {
        var card = GiftCard;
        var before = TotalAmountWithTaxesCents;
        GiftCardAmountCents = card is null || card.Status != GiftCardStatus.Active
            || !string.Equals(card.CurrencyCode, CurrencyCode, StringComparison.OrdinalIgnoreCase)
            ? 0
            : -card.AmountFor(before);
        if (Editable)
            FollowWithRedemptionLine(card);
        if (GiftCardAmountCents == 0)
            return;
        TotalAmountWithTaxesCents = before + GiftCardAmountCents;
        if (card!.DistributeDiscount)
            TotalTaxAmountCents = MoneyMath.MultiplyDivide(TotalAmountWithTaxesCents, TaxRateBasisPoints, 10000L + TaxRateBasisPoints);
    }

    /// <summary>
    /// The redemption line (<c>item_type</c> <c>gift_cards</c>, <c>item</c> the card) shows the card's part as a line of the order,
    /// as Commerce Layer lists it: its amount is <see cref="GiftCardAmountCents"/>; no line while the card pays nothing.
    /// </summary>
    private void FollowWithRedemptionLine(GiftCard? card)
    {
        var line = _lineItems.Find(l => l.IsGiftCardRedemption);
        if (line is not null && (GiftCardAmountCents == 0 || card is null || line.ItemId != card.Id))
        {
            _lineItems.Remove(line);
            line = null;
        }
        if (GiftCardAmountCents == 0 || card is null)
            return;
        if (line is null)
            _lineItems.Add(new LineItem(this, card, GiftCardAmountCents, "Gift card"));
        else
            line.ChangeRedemption(GiftCardAmountCents);
    }

    /// <summary>What the gateway is asked to authorize: the total with taxes, less what the gift card pays.</summary>
    public long AmountToAuthorizeCents => TotalAmountWithTaxesCents;
}
