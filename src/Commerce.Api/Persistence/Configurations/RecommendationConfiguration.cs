using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Api.Persistence.Configurations;

/// <summary>
/// How many counted orders (placed or approved: <c>PurchaseCounts</c>) contain both <see cref="SkuId"/> and
/// <see cref="OtherSkuId"/>; one row per ordered pair, so the recommender reads one index range per SKU of an order and never
/// the orders. No foreign keys: a SKU that an order's line item names cannot be deleted, and the recommender joins the stock,
/// which goes with its SKU.
/// </summary>
public sealed class CoPurchase
{
    public string SkuId { get; set; } = string.Empty;
    public string OtherSkuId { get; set; } = string.Empty;
    public int OrdersCount { get; set; }
}

/// <summary>How many counted orders contain <see cref="SkuId"/>: the best sellers.</summary>
public sealed class SkuSales
{
    public string SkuId { get; set; } = string.Empty;
    public int OrdersCount { get; set; }
}

/// <summary>The key of a recorded conversion: the other system's order number, unique, and the order recording it.</summary>
public sealed class RecordedConversion
{
    public string Number { get; set; } = string.Empty;
    public string OrderId { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class CoPurchaseConfiguration : IEntityTypeConfiguration<CoPurchase>
{
    public void Configure(EntityTypeBuilder<CoPurchase> builder)
    {
        builder.ToTable("co_purchases");
        builder.HasKey(p => new { p.SkuId, p.OtherSkuId });
        builder.Property(p => p.SkuId).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(p => p.OtherSkuId).HasMaxLength(EntityMapping.CodeLength);
    }
}

internal sealed class SkuSalesConfiguration : IEntityTypeConfiguration<SkuSales>
{
    public void Configure(EntityTypeBuilder<SkuSales> builder)
    {
        builder.ToTable("sku_sales");
        builder.HasKey(s => s.SkuId);
        builder.Property(s => s.SkuId).HasMaxLength(EntityMapping.CodeLength);
        // The best sellers, most first, read from the index's end.
        builder.HasIndex(s => s.OrdersCount);
    }
}

internal sealed class RecordedConversionConfiguration : IEntityTypeConfiguration<RecordedConversion>
{
    public void Configure(EntityTypeBuilder<RecordedConversion> builder)
    {
        builder.ToTable("recorded_conversions");
        builder.HasKey(c => c.Number);
        builder.Property(c => c.Number).HasMaxLength(EntityMapping.NameLength);
        builder.Property(c => c.OrderId).HasMaxLength(EntityMapping.CodeLength);
        builder.HasIndex(c => c.OrderId).IsUnique();
        builder.HasOne<Commerce.Domain.Orders.Order>().WithMany().HasForeignKey(c => c.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}
