using Commerce.Api.Authentication;
using Commerce.Domain.Catalog;
using Commerce.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Api.Persistence.Configurations;

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<IssuedRefreshToken>
{
    public void Configure(EntityTypeBuilder<IssuedRefreshToken> builder)
    {
        builder.MapEntity("refresh_tokens");
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Property(t => t.FamilyId).HasMaxLength(ResourceId.Length + 20);
        builder.HasIndex(t => t.FamilyId);
        builder.Property(t => t.CustomerId).HasMaxLength(ResourceId.Length + 20); // as customers.id
        // Deleting a customer deletes its refresh tokens: a refresh then finds nothing to redeem.
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
