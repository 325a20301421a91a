using Commerce.Api.Outbox;
using Commerce.Domain.Fulfillment;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Api.Persistence.Configurations;

internal sealed class OutboxEventConfiguration : IEntityTypeConfiguration<OutboxEvent>
{
    public void Configure(EntityTypeBuilder<OutboxEvent> builder)
    {
        builder.ToTable("outbox_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(e => e.Topic).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(e => e.ResourceType).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(e => e.ResourceId).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(e => e.Status).HasMaxLength(16);
        builder.Property(e => e.LockedBy).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(e => e.LastError).HasMaxLength(EntityMapping.TextLength);
        builder.HasIndex(e => new { e.Status, e.NextAttemptAt });
        builder.HasIndex(e => e.CreatedAt);
    }
}

internal sealed class HandledEventConfiguration : IEntityTypeConfiguration<HandledEvent>
{
    public void Configure(EntityTypeBuilder<HandledEvent> builder)
    {
        builder.ToTable("outbox_handled");
        builder.HasKey(h => new { h.EventId, h.Handler });
        builder.Property(h => h.EventId).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(h => h.Handler).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(h => h.Instance).HasMaxLength(EntityMapping.CodeLength);
    }
}

internal sealed class ShipmentConfiguration : IEntityTypeConfiguration<Shipment>
{
    public void Configure(EntityTypeBuilder<Shipment> builder)
    {
        builder.MapEntity("shipments");
        builder.HasIndex(s => s.OrderId).IsUnique();
        builder.Property(s => s.Status).HasMaxLength(16);
        builder.HasOne(s => s.Order).WithMany().HasForeignKey(s => s.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.ShippingMethod).WithMany().HasForeignKey(s => s.ShippingMethodId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.ShippingAddress).WithMany().HasForeignKey(s => s.ShippingAddressId).OnDelete(DeleteBehavior.Restrict);
    }
}
