using Commerce.Domain.Promotions;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources.PromotionRules;

/// <summary>
/// <c>order_amount_promotion_rules</c> and <c>coupon_codes_promotion_rules</c>: conditions a promotion's order must meet (all
/// of its rules hold). One rule of each kind per promotion. Integrations only.
/// </summary>
internal static class PromotionRulesResource
{
    public static readonly string[] PromotionTypeNames = [PromotionTypes.PercentageDiscount, PromotionTypes.FixedAmount, PromotionTypes.FreeShipping];

    public static void Define(ResourceGraphBuilder graph)
    {
        graph.Add<OrderAmountPromotionRule, OrderAmountPromotionRuleHandler>("order_amount_promotion_rules", r => r.Id, r => r
            .Describe("The order's amount (subtotal with use_subtotal, else subtotal plus shipping and payment fee, before discounts) reaches order_amount_cents.")
            .Attribute(x => x.OrderAmountCents, Can.All)
            .Computed("order_amount_float", x => Commerce.Domain.Money.MoneyFormatter.ToFloat(x.OrderAmountCents, x.Promotion?.CurrencyCode ?? "EUR"))
            .Attribute(x => x.UseSubtotal, Can.All)
            .WithTimestamps()
            .ToOne(x => x.Promotion, PromotionTypeNames, Can.Create));
        graph.Add<CouponCodesPromotionRule, CouponCodesPromotionRuleHandler>("coupon_codes_promotion_rules", r => r.Id, r => r
            .Describe("The order carries the code of one of the rule's coupons (coupon_code).")
            .WithTimestamps()
            .ToOne(x => x.Promotion, PromotionTypeNames, Can.Create)
            .ToMany(x => x.Coupons, "coupons", c => c.PromotionRuleId));
    }
}
