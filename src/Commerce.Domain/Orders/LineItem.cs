using Commerce.Domain.Catalog;
using Commerce.Domain.Common;
using Commerce.Domain.GiftCards;
using Commerce.Domain.Promotions;

namespace Commerce.Domain.Orders;

/// <summary>
/// What a line item is (<c>item_type</c>, Commerce Layer's names): a SKU, the discount of a promotion, or a gift card — bought
/// (a positive line whose <c>item</c> is the draft card) or paying (the redemption line, negative, whose <c>item</c> is the card).
/// </summary>
public static class LineItemTypes
{
    public const string Skus = "skus";
    public const string GiftCards = "gift_cards";
}

/// <summary>
/// One line of an order (<c>line_items</c>). Created and changed only through <see cref="Order"/>.
/// A SKU line (<c>item_type</c> <c>skus</c>): name, image, unit price and <see cref="DoNotShip"/> are snapshots of the SKU,
/// renewed by <see cref="Order.Refresh"/>; <see cref="DiscountCents"/> is its share of the order's discounts, by discount
/// line (<see cref="DiscountBreakdown"/>). A discount line (<c>item_type</c> one of <see cref="PromotionTypes"/>): made by
/// pricing from a promotion that fired, quantity 1, a negative amount, the coupon code that triggered it; never changed by hand.
/// </summary>
public sealed class LineItem : Entity
{
    public const int MinQuantity = 1;
    public const int MaxQuantity = 10000;

    private readonly Dictionary<string, long> _discountBreakdown = new(StringComparer.Ordinal);

    private LineItem() => OrderId = ItemType = SkuCode = Name = CurrencyCode = string.Empty;

    /// <summary>A discount line of <paramref name="order"/> for the promotion that fired.</summary>
    internal LineItem(Order order, AppliedDiscount discount)
    {
        OrderId = order.Id;
        Order = order;
        ItemType = discount.Promotion.Type;
        ItemId = discount.Promotion.Id;
        SkuCode = string.Empty;
        Name = discount.Promotion.Name;
        DoNotShip = true;
        CurrencyCode = order.CurrencyCode;
        CouponCode = discount.Coupon?.Code;
        Quantity = 1;
        UnitAmountCents = TotalAmountCents = discount.AmountCents;
    }

    /// <summary>
    /// A gift card line of <paramref name="order"/>: bought (<paramref name="amountCents"/> &gt; 0, the card's balance) or paying
    /// (the redemption line, <paramref name="amountCents"/> &lt; 0). Quantity 1; never shipped, never stock.
    /// </summary>
    internal LineItem(Order order, GiftCard card, long amountCents, string name)
    {
        OrderId = order.Id;
        Order = order;
        ItemType = LineItemTypes.GiftCards;
        ItemId = card.Id;
        SkuCode = string.Empty;
        Name = name;
        DoNotShip = true;
        DoNotTrack = true;
        CurrencyCode = order.CurrencyCode;
        Quantity = 1;
        UnitAmountCents = TotalAmountCents = amountCents;
    }

    internal LineItem(Order order, Sku sku, long unitAmountCents, int quantity)
    {
        OrderId = order.Id;
        Order = order;
        ItemType = LineItemTypes.Skus;
        ItemId = sku.Id;
        SkuId = sku.Id;
        Sku = sku;
        SkuCode = sku.Code;
        Name = sku.Name;
        ImageUrl = sku.ImageUrl;
        DoNotShip = sku.DoNotShip;
        DoNotTrack = sku.DoNotTrack;
        CurrencyCode = order.CurrencyCode;
        UnitAmountCents = unitAmountCents;
        SetQuantity(quantity);
    }

    public string OrderId { get; private set; }
    public Order? Order { get; private set; }
    /// <summary><c>item_type</c>: <see cref="LineItemTypes.Skus"/> or a promotion type.</summary>
    public string ItemType { get; private set; }
    /// <summary>The id of the <c>item</c>: the SKU, or the promotion.</summary>
    public string? ItemId { get; private set; }
    public bool IsSku => ItemType == LineItemTypes.Skus;
    /// <summary>A gift card the order buys: <c>item_type</c> <c>gift_cards</c>, positive, its <c>item</c> the card (a draft until placed).</summary>
    public bool IsGiftCardPurchase => ItemType == LineItemTypes.GiftCards && UnitAmountCents > 0;
    /// <summary>The gift card that pays part of the order: <c>item_type</c> <c>gift_cards</c>, negative (= <c>gift_card_amount_cents</c>).</summary>
    public bool IsGiftCardRedemption => ItemType == LineItemTypes.GiftCards && UnitAmountCents < 0;
    /// <summary>A line the order buys (a SKU or a gift card), as opposed to a discount or a payment line.</summary>
    public bool IsBought => IsSku || IsGiftCardPurchase;
    /// <summary>The SKU of a SKU line; null on a discount line.</summary>
    public string? SkuId { get; private set; }
    /// <summary>The coupon that triggered a discount line's promotion.</summary>
    public string? CouponCode { get; private set; }
    /// <summary>A SKU line's share of the order's discounts (≤ 0): the sum of <see cref="DiscountBreakdown"/>.</summary>
    public long DiscountCents { get; private set; }
    /// <summary>A SKU line's share of each discount line (by discount line id, ≤ 0).</summary>
    public IReadOnlyDictionary<string, long> DiscountBreakdown => _discountBreakdown;
    public Sku? Sku { get; private set; }
    public string SkuCode { get; private set; }
    public string Name { get; private set; }
    public string? ImageUrl { get; private set; }
    public string CurrencyCode { get; private set; }
    /// <summary>1..10000.</summary>
    public int Quantity { get; private set; }
    public long UnitAmountCents { get; private set; }
    /// <summary>unit_amount × quantity.</summary>
    public long TotalAmountCents { get; private set; }
    /// <summary>Snapshot of the SKU's <c>do_not_ship</c>: true for items that need no shipping.</summary>
    public bool DoNotShip { get; private set; }
    /// <summary>Snapshot of the SKU's <c>do_not_track</c>: placement neither checks nor takes stock for this line.</summary>
    public bool DoNotTrack { get; private set; }

    private readonly Dictionary<string, object?> _metadata = new(StringComparer.Ordinal);
    /// <summary>A JSON object of the client's, with an order's limits (<see cref="Order.DescribeLineItem"/>).</summary>
    public IReadOnlyDictionary<string, object?> Metadata => _metadata;

    internal void Rename(string? name)
    {
        var given = string.IsNullOrWhiteSpace(name) ? Sku?.Name : name.Trim();
        Name = given ?? Name;
    }

    internal void ChangeImage(string? imageUrl)
    {
        if (imageUrl is not null && (!Uri.TryCreate(imageUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            throw new DomainException(FailureCodes.ValidationError, "image_url must be an absolute http or https URL", "image_url");
        ImageUrl = imageUrl ?? Sku?.ImageUrl;
    }

    internal void ReplaceMetadata(IReadOnlyDictionary<string, object?> metadata)
    {
        _metadata.Clear();
        foreach (var (key, value) in metadata)
            _metadata[key] = value;
    }

    internal static void ValidateQuantity(long quantity)
    {
        if (quantity is < MinQuantity or > MaxQuantity)
            throw new DomainException(FailureCodes.ValidationError, $"quantity must be between {MinQuantity} and {MaxQuantity}", "quantity");
    }

    /// <summary>The redemption line follows the card's part of the order.</summary>
    internal void ChangeRedemption(long amountCents)
    {
        UnitAmountCents = TotalAmountCents = amountCents;
    }

    internal void SetQuantity(long quantity)
    {
        ValidateQuantity(quantity);
        Quantity = (int)quantity;
        TotalAmountCents = checked(UnitAmountCents * Quantity);
    }

    internal void ClearDiscounts()
    {
        _discountBreakdown.Clear();
        DiscountCents = 0;
    }

    internal void AddDiscount(string discountLineId, long cents)
    {
        _discountBreakdown[discountLineId] = cents;
        DiscountCents = checked(DiscountCents + cents);
    }

    internal void Reprice(Sku sku, long unitAmountCents)
    {
        Name = sku.Name;
        ImageUrl = sku.ImageUrl;
        DoNotShip = sku.DoNotShip;
        DoNotTrack = sku.DoNotTrack;
        UnitAmountCents = unitAmountCents;
        TotalAmountCents = checked(UnitAmountCents * Quantity);
    }
}
