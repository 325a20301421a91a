using Commerce.Domain.Promotions;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources.Coupons;

/// <summary><c>coupons</c>: codes that trigger a coupon codes rule's promotion. Integrations only.</summary>
internal static class CouponsResource
{
    public static void Define(ResourceGraphBuilder graph) => graph.Add<Coupon, CouponHandler>("coupons", c => c.Id, r => r
        .Describe("A code a shopper enters as the order's coupon_code (unique, case-insensitive).")
        .Attribute(c => c.Code, Can.Read | Can.Create | Can.Query)
        .Attribute(c => c.UsageLimit, Can.All)
        .Attribute(c => c.UsageCount, Can.Read | Can.Query, description: "Orders placed with it (cancelled ones given back).")
        .Attribute(c => c.CustomerSingleUse, Can.All, description: "Stored; one use per customer is not enforced yet.")
        .Attribute(c => c.ExpiresAt, Can.All)
        .Attribute(c => c.RecipientEmail, Can.All)
        .WithTimestamps()
        .ToOne(c => c.PromotionRule, "coupon_codes_promotion_rules", Can.Create, name: "promotion_rule"));
}
