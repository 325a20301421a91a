using Commerce.Domain.Promotions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Api.Persistence.Configurations;

/// <summary>The three promotion types share one table, told apart by <c>type</c> (the wire type).</summary>
internal sealed class PromotionConfiguration : IEntityTypeConfiguration<Promotion>
{
    public void Configure(EntityTypeBuilder<Promotion> builder)
    {
        builder.MapEntity("promotions");
        builder.HasDiscriminator<string>("type")
            .HasValue<PercentageDiscountPromotion>(PromotionTypes.PercentageDiscount)
            .HasValue<FixedAmountPromotion>(PromotionTypes.FixedAmount)
            .HasValue<FreeShippingPromotion>(PromotionTypes.FreeShipping);
        builder.Property("type").HasMaxLength(EntityMapping.CodeLength);
        builder.Ignore(p => p.Type);
        builder.Ignore(p => p.TotalUsageReached);
        builder.Property(p => p.Name).HasMaxLength(EntityMapping.NameLength);
        builder.Property(p => p.CurrencyCode).HasMaxLength(3);
        builder.HasIndex(p => new { p.CurrencyCode, p.ExpiresAt });
        builder.HasOne(p => p.OrderAmountRule).WithOne(r => r.Promotion).HasForeignKey<OrderAmountPromotionRule>(r => r.PromotionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.CouponCodesRule).WithOne(r => r.Promotion).HasForeignKey<CouponCodesPromotionRule>(r => r.PromotionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrderAmountPromotionRuleConfiguration : IEntityTypeConfiguration<OrderAmountPromotionRule>
{
    public void Configure(EntityTypeBuilder<OrderAmountPromotionRule> builder)
    {
        builder.MapEntity("order_amount_promotion_rules");
        builder.HasIndex(r => r.PromotionId).IsUnique();
    }
}

internal sealed class CouponCodesPromotionRuleConfiguration : IEntityTypeConfiguration<CouponCodesPromotionRule>
{
    public void Configure(EntityTypeBuilder<CouponCodesPromotionRule> builder)
    {
        builder.MapEntity("coupon_codes_promotion_rules");
        builder.HasIndex(r => r.PromotionId).IsUnique();
        builder.HasMany(r => r.Coupons).WithOne(c => c.PromotionRule).HasForeignKey(c => c.PromotionRuleId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Coupons).HasField("_coupons");
    }
}

internal sealed class CouponConfiguration : IEntityTypeConfiguration<Coupon>
{
    public void Configure(EntityTypeBuilder<Coupon> builder)
    {
        builder.MapEntity("coupons");
        builder.Property(c => c.Code).HasMaxLength(Coupon.MaxCodeLength);
        builder.Property(c => c.NormalizedCode).HasMaxLength(Coupon.MaxCodeLength);
        builder.HasIndex(c => c.NormalizedCode).IsUnique();
        builder.Property(c => c.RecipientEmail).HasMaxLength(EntityMapping.NameLength);
    }
}
