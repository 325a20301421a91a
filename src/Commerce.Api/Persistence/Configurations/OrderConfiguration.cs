using System.Text.Json;
using Commerce.Domain.Catalog;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Api.Persistence.Configurations;

/// <summary>Addresses and payment sources created by a signed-in customer belong to that customer (a shadow column).</summary>
internal static class Ownership
{
    public const string CustomerId = "OwnerCustomerId";
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    /// <summary>Shadow concurrency token: every save of an order checks and bumps it, so no write is lost to a concurrent one.</summary>
    public const string Version = "Version";

    /// <summary>
    /// Metadata holds any JSON values: two are the same when they are the same JSON (values compared, not their text: a
    /// value read back from the column is a JsonElement, one just set is a string, and the two serialize with different
    /// escapes), so writing the same metadata again changes nothing; a snapshot is a deep copy.
    /// </summary>
    internal static readonly ValueComparer<IReadOnlyDictionary<string, object?>> MetadataComparer = new(
        (a, b) => System.Text.Json.Nodes.JsonNode.DeepEquals(JsonSerializer.SerializeToNode(a, (JsonSerializerOptions?)null), JsonSerializer.SerializeToNode(b, (JsonSerializerOptions?)null)),
        d => d.Count,
        d => ReadMetadata(JsonSerializer.Serialize(d, (JsonSerializerOptions?)null)));

    internal static Dictionary<string, object?> ReadMetadata(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, object?>>(json, (JsonSerializerOptions?)null) is { } read
            ? new Dictionary<string, object?>(read, StringComparer.Ordinal)
            : new Dictionary<string, object?>(StringComparer.Ordinal);

    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.MapEntity("orders");
        builder.Property<int>(Version).IsConcurrencyToken();
        builder.Property(o => o.Number);
        builder.HasIndex(o => o.Number).IsUnique();
        builder.Property(o => o.Status).HasMaxLength(16);
        builder.HasIndex(o => o.Status);
        // Back-office lists filter by status and sort by placement, newest first (the load benchmark's list): the index
        // gives the order, so a page reads its rows instead of sorting every order of that status.
        builder.HasIndex(o => new { o.Status, o.PlacedAt });
        // A payment source belongs to one order (as in Commerce Layer): two requests linking one source to two orders at
        // once cannot both commit, so a token is never authorized for two orders.
        builder.HasIndex(o => o.PaymentSourceId).IsUnique();
        builder.Property(o => o.PreviousStatus).HasMaxLength(16);
        builder.Property(o => o.PaymentStatus).HasMaxLength(16);
        builder.Property(o => o.FulfillmentStatus).HasMaxLength(16);
        builder.Property(o => o.CustomerEmail).HasMaxLength(EntityMapping.NameLength);
        builder.Property(o => o.CurrencyCode).HasMaxLength(3);
        builder.Property(o => o.LanguageCode).HasMaxLength(8);
        builder.Property(o => o.CountryCode).HasMaxLength(2);
        builder.Property(o => o.Token).HasMaxLength(64);
        builder.Property(o => o.Reference).HasMaxLength(EntityMapping.NameLength);
        builder.Property(o => o.CouponCode).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(o => o.Metadata)
            .HasField("_metadata")
            .UsePropertyAccessMode(PropertyAccessMode.PreferProperty)
            .HasConversion(
                d => JsonSerializer.Serialize(d, (JsonSerializerOptions?)null),
                s => ReadMetadata(s),
                MetadataComparer)
            .HasMaxLength(8000);
        builder.Ignore(o => o.SkuLines);
        // Both default to true for rows written before they existed (and a true is left to that default: the sentinel).
        builder.Property(o => o.Guest).HasDefaultValue(true).HasSentinel(true);
        builder.Property(o => o.Autorefresh).HasDefaultValue(true).HasSentinel(true);
        builder.Property(o => o.CartUrl).HasMaxLength(Order.MaxUrlLength);
        builder.Property(o => o.ReturnUrl).HasMaxLength(Order.MaxUrlLength);
        builder.Property(o => o.TermsUrl).HasMaxLength(Order.MaxUrlLength);
        builder.Property(o => o.PrivacyUrl).HasMaxLength(Order.MaxUrlLength);
        builder.Ignore(o => o.Editable);
        builder.Ignore(o => o.RequiresShipping);
        builder.Ignore(o => o.PaymentSourceDetails);

        builder.HasIndex(o => o.MarketId);
        builder.HasOne(o => o.Market).WithMany().HasForeignKey(o => o.MarketId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PriceList>().WithMany().HasForeignKey(o => o.PriceListId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.Customer).WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.BillingAddress).WithMany().HasForeignKey(o => o.BillingAddressId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.ShippingAddress).WithMany().HasForeignKey(o => o.ShippingAddressId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.ShippingMethod).WithMany().HasForeignKey(o => o.ShippingMethodId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.PaymentMethod).WithMany().HasForeignKey(o => o.PaymentMethodId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.PaymentSource).WithMany().HasForeignKey(o => o.PaymentSourceId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(o => o.GiftCardCode).HasMaxLength(Commerce.Domain.GiftCards.GiftCardCodes.MaxLength);
        builder.HasOne(o => o.GiftCard).WithMany().HasForeignKey(o => o.GiftCardId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(o => o.AmountToAuthorizeCents);
        builder.HasMany(o => o.LineItems).WithOne(l => l.Order).HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.LineItems).HasField("_lineItems");
    }
}

internal sealed class LineItemConfiguration : IEntityTypeConfiguration<LineItem>
{
    private static readonly ValueComparer<IReadOnlyDictionary<string, long>> BreakdownComparer = new(
        (a, b) => a!.Count == b!.Count && a.All(p => b.ContainsKey(p.Key) && b[p.Key] == p.Value),
        d => d.Aggregate(0, (hash, p) => HashCode.Combine(hash, p.Key.GetHashCode(StringComparison.Ordinal), p.Value)),
        d => new Dictionary<string, long>(d, StringComparer.Ordinal));

    public void Configure(EntityTypeBuilder<LineItem> builder)
    {
        builder.MapEntity("line_items");
        builder.HasIndex(l => l.OrderId);
        builder.Property(l => l.ItemType).HasMaxLength(EntityMapping.CodeLength).HasDefaultValue(LineItemTypes.Skus);
        builder.Property(l => l.ItemId).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(l => l.CouponCode).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(l => l.DiscountBreakdown)
            .HasField("_discountBreakdown")
            .UsePropertyAccessMode(PropertyAccessMode.PreferProperty)
            .HasConversion(
                v => System.Text.Json.JsonSerializer.Serialize(v, (System.Text.Json.JsonSerializerOptions?)null),
                v => System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, long>>(v, (System.Text.Json.JsonSerializerOptions?)null) ?? new Dictionary<string, long>(),
                BreakdownComparer)
            .HasMaxLength(EntityMapping.TextLength);
        builder.Property(l => l.SkuCode).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(l => l.Name).HasMaxLength(EntityMapping.NameLength);
        builder.Property(l => l.ImageUrl).HasMaxLength(EntityMapping.TextLength);
        builder.Property(l => l.CurrencyCode).HasMaxLength(3);
        builder.Property(l => l.Metadata)
            .HasField("_metadata")
            .UsePropertyAccessMode(PropertyAccessMode.PreferProperty)
            .HasConversion(
                d => JsonSerializer.Serialize(d, (JsonSerializerOptions?)null),
                s => OrderConfiguration.ReadMetadata(s),
                OrderConfiguration.MetadataComparer)
            .HasMaxLength(Order.MaxMetadataLength);
        builder.HasOne(l => l.Sku).WithMany().HasForeignKey(l => l.SkuId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AddressConfiguration : IEntityTypeConfiguration<Address>
{
    public void Configure(EntityTypeBuilder<Address> builder)
    {
        builder.MapEntity("addresses");
        builder.Property<string?>(Ownership.CustomerId).HasMaxLength(EntityMapping.CodeLength);
        builder.HasIndex(Ownership.CustomerId);
        foreach (var name in new[] { nameof(Address.FirstName), nameof(Address.LastName), nameof(Address.Company), nameof(Address.Line1),
                     nameof(Address.Line2), nameof(Address.City), nameof(Address.Email) })
            builder.Property(name).HasMaxLength(EntityMapping.NameLength);
        builder.Property(a => a.ZipCode).HasMaxLength(32);
        builder.Property(a => a.StateCode).HasMaxLength(32);
        builder.Property(a => a.CountryCode).HasMaxLength(2);
        builder.Property(a => a.Phone).HasMaxLength(64);
        builder.Ignore(a => a.IsValid);
        builder.Ignore(a => a.FullName);
        builder.Ignore(a => a.FullAddress);
        builder.Ignore(a => a.OneLine);
    }
}

internal sealed class PaymentSourceConfiguration : IEntityTypeConfiguration<PaymentSource>
{
    public void Configure(EntityTypeBuilder<PaymentSource> builder)
    {
        builder.MapEntity("payment_sources");
        builder.Property<string?>(Ownership.CustomerId).HasMaxLength(EntityMapping.CodeLength);
        builder.HasIndex(Ownership.CustomerId);
        builder.HasDiscriminator<string>("source_type")
            .HasValue<ExternalPayment>(PaymentSourceTypes.ExternalPayments)
            .HasValue<WireTransfer>(PaymentSourceTypes.WireTransfers);
        builder.Property("source_type").HasMaxLength(32);
        builder.Ignore(s => s.ResourceType);
        builder.Ignore(s => s.GatewayToken);
        builder.Ignore(s => s.Details);
    }
}

internal sealed class ExternalPaymentConfiguration : IEntityTypeConfiguration<ExternalPayment>
{
    public void Configure(EntityTypeBuilder<ExternalPayment> builder) =>
        builder.Property(e => e.PaymentSourceToken).HasMaxLength(EntityMapping.NameLength);
}

internal sealed class PaymentTransactionConfiguration : IEntityTypeConfiguration<PaymentTransaction>
{
    public void Configure(EntityTypeBuilder<PaymentTransaction> builder)
    {
        builder.MapEntity("payment_transactions");
        builder.Property(t => t.Kind).HasMaxLength(16);
        builder.Property(t => t.Status).HasMaxLength(16);
        builder.Property(t => t.CurrencyCode).HasMaxLength(3);
        builder.Property(t => t.IdempotencyKey).HasMaxLength(EntityMapping.CodeLength);
        builder.HasIndex(t => t.IdempotencyKey).IsUnique();
        builder.Property(t => t.GatewayReference).HasMaxLength(EntityMapping.NameLength);
        builder.Property(t => t.Message).HasMaxLength(EntityMapping.TextLength);
        builder.Property(t => t.ErrorCode).HasMaxLength(EntityMapping.CodeLength);
        builder.HasIndex(t => new { t.OrderId, t.Kind });
        // The reconciler's passes: pending movements older than its threshold, failed authorizations of the last hour.
        builder.HasIndex(t => new { t.Status, t.CreatedAt });
        builder.HasOne(t => t.Order).WithMany().HasForeignKey(t => t.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(t => t.ResourceType);
    }
}

/// <summary>One row per placed order: its generated key is the order number (unique, increasing, on every provider).</summary>
internal sealed class OrderNumberConfiguration : IEntityTypeConfiguration<OrderNumber>
{
    public void Configure(EntityTypeBuilder<OrderNumber> builder)
    {
        builder.ToTable("order_numbers");
        builder.HasKey(n => n.Value);
        builder.Property(n => n.Value).ValueGeneratedOnAdd();
        builder.Property(n => n.OrderId).HasMaxLength(EntityMapping.CodeLength);
    }
}

public sealed class OrderNumber
{
    public long Value { get; set; }
    public string OrderId { get; set; } = string.Empty;
}

internal sealed class PlacementHoldConfiguration : IEntityTypeConfiguration<Commerce.Domain.Placement.PlacementHold>
{
    public void Configure(EntityTypeBuilder<Commerce.Domain.Placement.PlacementHold> builder)
    {
        builder.MapEntity("placement_holds");
        builder.Property(h => h.OrderId).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(h => h.Participant).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(h => h.TargetId).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(h => h.Status).HasMaxLength(16);
        builder.HasIndex(h => new { h.OrderId, h.Status });
        builder.HasIndex(h => new { h.Participant, h.TargetId, h.Status });
        builder.HasOne<Order>().WithMany().HasForeignKey(h => h.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}
