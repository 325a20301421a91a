using Commerce.Domain.Catalog;
using Commerce.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Api.Persistence.Configurations;

internal static class EntityMapping
{
    public const int CodeLength = 64;
    public const int NameLength = 256;
    public const int TextLength = 2048;

    public static void MapEntity<T>(this EntityTypeBuilder<T> builder, string table) where T : Entity
    {
        builder.ToTable(table);
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(ResourceId.Length + 20).ValueGeneratedNever();
        builder.HasIndex(e => e.CreatedAt);
    }
}

internal sealed class SkuConfiguration : IEntityTypeConfiguration<Sku>
{
    public void Configure(EntityTypeBuilder<Sku> builder)
    {
        builder.MapEntity("skus");
        builder.Property(s => s.Code).HasMaxLength(EntityMapping.CodeLength);
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(EntityMapping.NameLength);
        builder.Property(s => s.Description).HasMaxLength(EntityMapping.TextLength);
        builder.Property(s => s.ImageUrl).HasMaxLength(EntityMapping.TextLength);
        builder.Property(s => s.Reference).HasMaxLength(EntityMapping.NameLength);
        builder.HasMany(s => s.Prices).WithOne(p => p.Sku).HasForeignKey(p => p.SkuId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Prices).HasField("_prices");
        builder.HasOne(s => s.StockItem).WithOne(i => i.Sku).HasForeignKey<StockItem>(i => i.SkuId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PriceConfiguration : IEntityTypeConfiguration<Price>
{
    public void Configure(EntityTypeBuilder<Price> builder)
    {
        builder.MapEntity("prices");
        builder.Property(p => p.CurrencyCode).HasMaxLength(3);
        // One price per SKU and list; the currency index serves the filters by currency.
        builder.HasIndex(p => new { p.SkuId, p.PriceListId }).IsUnique();
        builder.HasIndex(p => new { p.PriceListId, p.SkuId });
        builder.HasIndex(p => new { p.SkuId, p.CurrencyCode });
        builder.HasOne(p => p.PriceList).WithMany().HasForeignKey(p => p.PriceListId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PriceListConfiguration : IEntityTypeConfiguration<PriceList>
{
    public void Configure(EntityTypeBuilder<PriceList> builder)
    {
        builder.MapEntity("price_lists");
        builder.Property(l => l.Name).HasMaxLength(EntityMapping.NameLength);
        builder.Property(l => l.Code).HasMaxLength(EntityMapping.CodeLength);
        builder.HasIndex(l => l.Code).IsUnique();
        builder.Property(l => l.CurrencyCode).HasMaxLength(3);
        builder.HasIndex(l => l.CurrencyCode);
        builder.Property(l => l.Reference).HasMaxLength(EntityMapping.NameLength);
    }
}

internal sealed class MarketConfiguration : IEntityTypeConfiguration<Market>
{
    public void Configure(EntityTypeBuilder<Market> builder)
    {
        builder.MapEntity("markets");
        builder.Property(m => m.Name).HasMaxLength(EntityMapping.NameLength);
        builder.Property(m => m.Code).HasMaxLength(EntityMapping.CodeLength);
        builder.HasIndex(m => m.Code).IsUnique();
        builder.HasIndex(m => m.Number).IsUnique();
        builder.Property(m => m.CheckoutUrl).HasMaxLength(EntityMapping.TextLength);
        builder.Property(m => m.Reference).HasMaxLength(EntityMapping.NameLength);
        builder.HasOne(m => m.PriceList).WithMany().HasForeignKey(m => m.PriceListId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(m => m.IsEnabled);
    }
}

internal sealed class StockItemConfiguration : IEntityTypeConfiguration<StockItem>
{
    public void Configure(EntityTypeBuilder<StockItem> builder)
    {
        builder.MapEntity("stock_items");
        builder.HasIndex(i => i.SkuId).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("ck_stock_items_quantity", "quantity >= 0"));
    }
}

internal sealed class ShippingMethodConfiguration : IEntityTypeConfiguration<ShippingMethod>
{
    public void Configure(EntityTypeBuilder<ShippingMethod> builder)
    {
        builder.MapEntity("shipping_methods");
        builder.Property(m => m.Name).HasMaxLength(EntityMapping.NameLength);
        builder.Property(m => m.CurrencyCode).HasMaxLength(3);
        builder.Property(m => m.Reference).HasMaxLength(EntityMapping.NameLength);
        builder.Property(m => m.CountryCodes)
            .HasConversion(v => string.Join(',', v), v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(), CommerceDbContext.StringListComparer)
            .HasMaxLength(EntityMapping.TextLength);
        builder.HasOne(m => m.Market).WithMany().HasForeignKey(m => m.MarketId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaymentMethodConfiguration : IEntityTypeConfiguration<PaymentMethod>
{
    public void Configure(EntityTypeBuilder<PaymentMethod> builder)
    {
        builder.MapEntity("payment_methods");
        builder.Property(m => m.Name).HasMaxLength(EntityMapping.NameLength);
        builder.Property(m => m.PaymentSourceType).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(m => m.CurrencyCode).HasMaxLength(3);
        builder.Property(m => m.Gateway).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(m => m.Reference).HasMaxLength(EntityMapping.NameLength);
        builder.HasOne(m => m.Market).WithMany().HasForeignKey(m => m.MarketId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(m => m.IsEnabled);
    }
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.MapEntity("customers");
        builder.Property(c => c.Email).HasMaxLength(EntityMapping.NameLength);
        builder.HasIndex(c => c.Email).IsUnique();
        builder.Property(c => c.Reference).HasMaxLength(EntityMapping.NameLength);
        // A recorded conversion links its customer by reference (Nosto's BY_REF).
        builder.HasIndex(c => c.Reference);
        builder.Property(c => c.Status).HasMaxLength(32);
    }
}
