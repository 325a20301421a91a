using Commerce.Domain.Common;

namespace Commerce.Domain.Promotions;

/// <summary>The promotion types, as Commerce Layer names them (also the <c>item_type</c> of their discount line items).</summary>
public static class PromotionTypes
{
    public const string PercentageDiscount = "percentage_discount_promotions";
    public const string FixedAmount = "fixed_amount_promotions";
    public const string FreeShipping = "free_shipping_promotions";

    /// <summary>The documented order of application among promotions of equal exclusivity and priority: amounts first, then percentages of what is left, then shipping.</summary>
    public static readonly string[] ApplicationOrder = [FixedAmount, PercentageDiscount, FreeShipping];

    public static bool IsPromotion(string itemType) => Array.IndexOf(ApplicationOrder, itemType) >= 0;
}

/// <summary>
/// A promotion (<c>percentage_discount_promotions</c>, <c>fixed_amount_promotions</c>, <c>free_shipping_promotions</c>): what it
/// takes off, when it is active, how often it may be used, and the rules that must all hold for an order. Its use count moves
/// only by placement (a conditional update that cannot pass <see cref="TotalUsageLimit"/>), never through this class.
/// </summary>
public abstract class Promotion : Entity
{
    protected Promotion() => Name = CurrencyCode = string.Empty;

    protected Promotion(string name, string currencyCode, DateTimeOffset startsAt, DateTimeOffset expiresAt)
    {
        Name = name;
        CurrencyCode = currencyCode;
        StartsAt = startsAt;
        ExpiresAt = expiresAt;
    }

    /// <summary>The wire type: one of <see cref="PromotionTypes"/>.</summary>
    public abstract string Type { get; }

    public string Name { get; set; }
    public string CurrencyCode { get; set; }
    /// <summary>An exclusive promotion that applies is the only one applied (the first by priority when several are).</summary>
    public bool Exclusive { get; set; }
    /// <summary>Lower applies first; null after every number.</summary>
    public int? Priority { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int? TotalUsageLimit { get; set; }
    public int TotalUsageCount { get; private set; }
    public DateTimeOffset? DisabledAt { get; private set; }

    public bool TotalUsageReached => TotalUsageLimit is { } limit && TotalUsageCount >= limit;

    /// <summary>Commerce Layer's statuses: <c>disabled</c>, <c>expired</c>, <c>pending</c> (not started), <c>inactive</c> (used up), <c>active</c>.</summary>
    public string StatusAt(DateTimeOffset now) =>
        DisabledAt is not null ? "disabled"
        : now >= ExpiresAt ? "expired"
        : now < StartsAt ? "pending"
        : TotalUsageReached ? "inactive"
        : "active";

    public bool IsActiveAt(DateTimeOffset now) => StatusAt(now) == "active";

    public OrderAmountPromotionRule? OrderAmountRule { get; private set; }
    public CouponCodesPromotionRule? CouponCodesRule { get; private set; }

    internal void Attach(OrderAmountPromotionRule rule) => OrderAmountRule = rule;

    internal void Attach(CouponCodesPromotionRule rule) => CouponCodesRule = rule;

    /// <summary><c>_enable</c>.</summary>
    public void Enable() => DisabledAt = null;

    /// <summary><c>_disable</c>: an order placed after it no longer gets the discount.</summary>
    public void Disable(DateTimeOffset now) => DisabledAt ??= now;

    /// <summary>
    /// What this promotion takes off <paramref name="remaining"/> (the SKU lines' amounts after earlier discounts), as a
    /// non-positive amount; <paramref name="shippingCents"/> for free shipping.
    /// </summary>
    internal abstract long DiscountOf(long remaining, long shippingCents);

    /// <summary>Whether every rule holds for the order (a promotion without rules applies to every order of its currency).</summary>
    internal bool RulesHold(PricingInput input, DateTimeOffset now, out Coupon? coupon)
    {
        coupon = null;
        if (OrderAmountRule is { } amount && !amount.Holds(input))
            return false;
        if (CouponCodesRule is { } codes)
        {
            coupon = codes.Find(input.CouponCode);
            if (coupon is null || !coupon.IsUsableAt(now))
                return false;
        }
        return true;
    }
}

public sealed class PercentageDiscountPromotion : Promotion
{
    private PercentageDiscountPromotion() { }

    public PercentageDiscountPromotion(string name, string currencyCode, DateTimeOffset startsAt, DateTimeOffset expiresAt, int percentage)
        : base(name, currencyCode, startsAt, expiresAt) => Percentage = percentage;

    public override string Type => PromotionTypes.PercentageDiscount;

    /// <summary>1..100.</summary>
    public int Percentage { get; set; }

    internal override long DiscountOf(long remaining, long shippingCents) => -Money.MoneyMath.MultiplyDivide(remaining, Percentage, 100);
}

public sealed class FixedAmountPromotion : Promotion
{
    private FixedAmountPromotion() { }

    public FixedAmountPromotion(string name, string currencyCode, DateTimeOffset startsAt, DateTimeOffset expiresAt, long fixedAmountCents)
        : base(name, currencyCode, startsAt, expiresAt) => FixedAmountCents = fixedAmountCents;

    public override string Type => PromotionTypes.FixedAmount;

    public long FixedAmountCents { get; set; }

    /// <summary>Never more than what is left: an order is never paid to be bought.</summary>
    internal override long DiscountOf(long remaining, long shippingCents) => -Math.Min(FixedAmountCents, remaining);
}

public sealed class FreeShippingPromotion : Promotion
{
    private FreeShippingPromotion() { }

    public FreeShippingPromotion(string name, string currencyCode, DateTimeOffset startsAt, DateTimeOffset expiresAt)
        : base(name, currencyCode, startsAt, expiresAt) { }

    public override string Type => PromotionTypes.FreeShipping;

    internal override long DiscountOf(long remaining, long shippingCents) => -shippingCents;
}

/// <summary><c>order_amount_promotion_rules</c>: the order's subtotal (<see cref="UseSubtotal"/>) or total before discounts reaches an amount.</summary>
public sealed class OrderAmountPromotionRule : Entity
{
    private OrderAmountPromotionRule() => PromotionId = string.Empty;

    /// <summary>A new rule of <paramref name="promotion"/> (linked both ways).</summary>
    public OrderAmountPromotionRule(Promotion promotion, long orderAmountCents)
    {
        PromotionId = promotion.Id;
        Promotion = promotion;
        OrderAmountCents = orderAmountCents;
        promotion.Attach(this);
    }

    public string PromotionId { get; private set; }
    public Promotion? Promotion { get; private set; }
    public long OrderAmountCents { get; set; }
    /// <summary>true: compare the subtotal (SKU lines); false (default): the subtotal plus shipping and payment fee.</summary>
    public bool UseSubtotal { get; set; }

    internal bool Holds(PricingInput input) =>
        (UseSubtotal ? input.SubtotalCents : input.SubtotalCents + input.ShippingCents + input.PaymentMethodCents) >= OrderAmountCents;
}

/// <summary><c>coupon_codes_promotion_rules</c>: the order carries the code of one of its coupons.</summary>
public sealed class CouponCodesPromotionRule : Entity
{
    private readonly List<Coupon> _coupons = [];

    private CouponCodesPromotionRule() => PromotionId = string.Empty;

    /// <summary>A new rule of <paramref name="promotion"/> (linked both ways).</summary>
    public CouponCodesPromotionRule(Promotion promotion)
    {
        PromotionId = promotion.Id;
        Promotion = promotion;
        promotion.Attach(this);
    }

    internal void Attach(Coupon coupon)
    {
        if (!_coupons.Contains(coupon))
            _coupons.Add(coupon);
    }

    public string PromotionId { get; private set; }
    public Promotion? Promotion { get; private set; }
    public IReadOnlyCollection<Coupon> Coupons => _coupons;

    internal Coupon? Find(string? code) =>
        code is null ? null : _coupons.Find(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));
}

/// <summary><c>coupons</c>: a code (unique, case-insensitive) that triggers its rule's promotion; its uses count like the promotion's.</summary>
public sealed class Coupon : Entity
{
    public const int MaxCodeLength = 64;

    private Coupon() => Code = PromotionRuleId = string.Empty;

    public Coupon(string code, CouponCodesPromotionRule rule)
    {
        Code = code.Trim();
        NormalizedCode = Normalize(Code);
        PromotionRuleId = rule.Id;
        PromotionRule = rule;
        rule.Attach(this);
    }

    public string Code { get; private set; }
    /// <summary>The code upper-cased: unique, what a shopper's code is matched on (case-insensitive).</summary>
    public string NormalizedCode { get; private set; } = string.Empty;
    public static string Normalize(string code) => code.Trim().ToUpperInvariant();
    public string PromotionRuleId { get; private set; }
    public CouponCodesPromotionRule? PromotionRule { get; private set; }
    public int? UsageLimit { get; set; }
    public int UsageCount { get; private set; }
    /// <summary>Accepted and stored; one use per customer is not enforced yet (documented).</summary>
    public bool CustomerSingleUse { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public string? RecipientEmail { get; set; }

    public bool IsUsableAt(DateTimeOffset now) => (ExpiresAt is not { } expires || now < expires) && (UsageLimit is not { } limit || UsageCount < limit);
}
