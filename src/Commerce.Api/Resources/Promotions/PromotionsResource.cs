using Commerce.Domain.Promotions;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources.Promotions;

/// <summary>
/// <c>percentage_discount_promotions</c>, <c>fixed_amount_promotions</c>, <c>free_shipping_promotions</c>: what a promotion
/// takes off, when, how often, and (through its rules) for which orders. Integrations only.
/// </summary>
internal static class PromotionsResource
{
    public const string Enable = "_enable";
    public const string Disable = "_disable";

    public static void Define(ResourceGraphBuilder graph)
    {
        graph.Add<PercentageDiscountPromotion, PromotionHandler<PercentageDiscountPromotion>>(PromotionTypes.PercentageDiscount, p => p.Id, r => Common(r
            .Describe("A promotion that takes a percentage off the order's SKU lines (after the discounts applied before it).")
            .Attribute(p => p.Percentage, Can.All, description: "1 to 100.")));
        graph.Add<FixedAmountPromotion, PromotionHandler<FixedAmountPromotion>>(PromotionTypes.FixedAmount, p => p.Id, r => Common(r
            .Describe("A promotion that takes a fixed amount off the order's SKU lines (never more than they are left).")
            .Attribute(p => p.FixedAmountCents, Can.All)
            .Computed("fixed_amount_float", p => Commerce.Domain.Money.MoneyFormatter.ToFloat(p.FixedAmountCents, p.CurrencyCode))
            .Computed("formatted_fixed_amount", p => Commerce.Domain.Money.MoneyFormatter.Format(p.FixedAmountCents, p.CurrencyCode, null))));
        graph.Add<FreeShippingPromotion, PromotionHandler<FreeShippingPromotion>>(PromotionTypes.FreeShipping, p => p.Id, r => Common(r
            .Describe("A promotion that makes shipping free (no effect before a shipping method is chosen).")));
        graph.Add<Promotion, PromotionIndexHandler>(Index, p => p.Id, r => Common(r
            .Describe("Every promotion, whatever its type, read only: each is returned with its own type and links (change it there). "
                + "Filters and sorts take the attributes common to the types.")
            .Offers(ResourceOperations.ReadOnly)));
    }

    /// <summary>The read-only polymorphic index of every promotion.</summary>
    public const string Index = "promotions";

    private static ResourceBuilder<T> Common<T>(ResourceBuilder<T> r) where T : Promotion => r
        .Attribute(p => p.Name, Can.All)
        .Attribute(p => p.CurrencyCode, Can.All)
        .Attribute(p => p.Exclusive, Can.All, description: "An exclusive promotion that applies is the only one applied.")
        .Attribute(p => p.Priority, Can.All, description: "Lower applies first; none after every number.")
        .Attribute(p => p.StartsAt, Can.All)
        .Attribute(p => p.ExpiresAt, Can.All)
        .Attribute(p => p.TotalUsageLimit, Can.All)
        .Attribute(p => p.TotalUsageCount, Can.Read | Can.Query, description: "Orders placed with it (cancelled ones given back).")
        .Computed("total_usage_reached", p => p.TotalUsageReached)
        .Computed("status", p => p.StatusAt(DateTimeOffset.UtcNow), "disabled, expired, pending (not started), inactive (used up) or active.")
        .Attribute(p => p.DisabledAt, Can.Read | Can.Query)
        .WithTimestamps()
        .ToOne(p => p.OrderAmountRule, "order_amount_promotion_rules", name: "order_amount_promotion_rule")
        .ToOne(p => p.CouponCodesRule, "coupon_codes_promotion_rules", name: "coupon_codes_promotion_rule")
        .Trigger<bool>(Enable, "With true, enables a disabled promotion.")
        .Trigger<bool>(Disable, "With true, disables the promotion: orders placed after it no longer get it.");
}
