using Commerce.Api.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Api.Persistence.Configurations;

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> builder)
    {
        builder.MapEntity("webhooks");
        builder.Property(w => w.Name).HasMaxLength(EntityMapping.NameLength);
        builder.Property(w => w.Topic).HasMaxLength(EntityMapping.CodeLength);
        builder.HasIndex(w => w.Topic);
        builder.Property(w => w.CallbackUrl).HasMaxLength(EntityMapping.TextLength);
        builder.Property(w => w.SharedSecret).HasMaxLength(128);
        builder.Property(w => w.CircuitState).HasMaxLength(16);
        builder.Property(w => w.IncludeResources)
            .HasConversion(v => string.Join(',', v), v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(), CommerceDbContext.StringListComparer)
            .HasMaxLength(EntityMapping.TextLength);
        builder.Ignore(w => w.IsOpen);
        builder.Ignore(w => w.SecretToReveal);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasMaxLength(EntityMapping.CodeLength);
        builder.HasIndex(d => new { d.WebhookId, d.EventId }).IsUnique();
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        foreach (var name in new[] { nameof(WebhookDelivery.WebhookId), nameof(WebhookDelivery.EventId), nameof(WebhookDelivery.Topic),
                     nameof(WebhookDelivery.ResourceType), nameof(WebhookDelivery.ResourceId), nameof(WebhookDelivery.LockedBy) })
            builder.Property(name).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(d => d.Status).HasMaxLength(16);
    }
}

internal sealed class EventCallbackConfiguration : IEntityTypeConfiguration<EventCallback>
{
    public void Configure(EntityTypeBuilder<EventCallback> builder)
    {
        builder.MapEntity("event_callbacks");
        builder.HasIndex(c => c.WebhookId);
        builder.Property(c => c.WebhookId).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(c => c.DeliveryId).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(c => c.Topic).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(c => c.CallbackUrl).HasMaxLength(EntityMapping.TextLength);
        builder.Property(c => c.Error).HasMaxLength(EntityMapping.TextLength);
        builder.Ignore(c => c.Succeeded);
    }
}
