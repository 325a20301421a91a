using Commerce.Api.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Api.Persistence.Configurations;

internal sealed class ApplicationClientConfiguration : IEntityTypeConfiguration<ApplicationClient>
{
    public void Configure(EntityTypeBuilder<ApplicationClient> builder)
    {
        builder.MapEntity("applications");
        builder.Property(a => a.Name).HasMaxLength(EntityMapping.NameLength);
        builder.Property(a => a.Kind).HasMaxLength(32);
        builder.Property(a => a.ClientId).HasMaxLength(EntityMapping.CodeLength);
        builder.HasIndex(a => a.ClientId).IsUnique();
        builder.Property(a => a.SecretHash).HasMaxLength(256);
        builder.Ignore(a => a.IsPublic);
    }
}
