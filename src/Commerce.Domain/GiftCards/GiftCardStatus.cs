namespace Commerce.Domain.GiftCards;

/// <summary>
/// The life of a gift card: <c>draft</c> (being bought, or prepared by an integration) → <c>_purchase</c> → <c>inactive</c> →
/// <c>_activate</c> → <c>active</c> (redeemable); <c>_deactivate</c> takes an active card back to <c>inactive</c>; a single-use card
/// ends <c>redeemed</c> once an order that used it is placed.
/// </summary>
public static class GiftCardStatus
{
    public const string Draft = "draft";
    public const string Inactive = "inactive";
    public const string Active = "active";
    public const string Redeemed = "redeemed";
}
