using Commerce.Domain.GiftCards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Api.Persistence.Configurations;

internal sealed class GiftCardConfiguration : IEntityTypeConfiguration<GiftCard>
{
    /// <summary>
    /// Shadow concurrency token: every save of a card through the change tracker checks and bumps it, and so does every conditional
    /// update of placement (a hold, a release, a restore), so a tracked change never overwrites a balance moved meanwhile.
    /// </summary>
    public const string Version = "Version";

    public void Configure(EntityTypeBuilder<GiftCard> builder)
    {
        builder.MapEntity("gift_cards");
        builder.Property<int>(Version).IsConcurrencyToken();
        builder.Property(c => c.Code).HasMaxLength(GiftCardCodes.MaxLength);
        // Codes are matched exactly, and each names one card.
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.CurrencyCode).HasMaxLength(3);
        builder.Property(c => c.Status).HasMaxLength(16);
        builder.Property(c => c.RecipientEmail).HasMaxLength(EntityMapping.NameLength);
        builder.Property(c => c.Reference).HasMaxLength(EntityMapping.NameLength);
        builder.ToTable(t => t.HasCheckConstraint("ck_gift_cards_balance_cents", "balance_cents >= 0"));
        builder.HasMany<GiftCardLedgerEntry>("_ledger").WithOne().HasForeignKey(e => e.GiftCardId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(c => c.Ledger);
    }
}

internal sealed class GiftCardLedgerEntryConfiguration : IEntityTypeConfiguration<GiftCardLedgerEntry>
{
    public void Configure(EntityTypeBuilder<GiftCardLedgerEntry> builder)
    {
        builder.MapEntity("gift_card_ledger_entries");
        builder.Property(e => e.GiftCardId).HasMaxLength(32);
        builder.Property(e => e.Kind).HasMaxLength(16);
        builder.Property(e => e.State).HasMaxLength(16);
        builder.Property(e => e.OrderId).HasMaxLength(32);
        builder.Ignore(e => e.Counts);
        builder.HasIndex(e => new { e.GiftCardId, e.CreatedAt });
        builder.HasIndex(e => new { e.OrderId, e.State });
    }
}
