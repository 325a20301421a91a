using Commerce.Domain.Catalog;
using Commerce.Domain.Customers;
using Commerce.Domain.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Api.Persistence.Configurations;

/// <summary>A customer's address book: deleting the customer or the address deletes the entry.</summary>
internal sealed class CustomerAddressConfiguration : IEntityTypeConfiguration<CustomerAddress>
{
    public void Configure(EntityTypeBuilder<CustomerAddress> builder)
    {
        builder.MapEntity("customer_addresses");
        builder.HasOne(a => a.Customer).WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Address).WithMany().HasForeignKey(a => a.AddressId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.CustomerId, a.AddressId }).IsUnique();
        builder.Ignore(a => a.Name);
        builder.Ignore(a => a.CustomerEmail);
    }
}

/// <summary>A customer's wallet: deleting the customer or the source deletes the entry; a deleted payment method is unlinked.</summary>
internal sealed class CustomerPaymentSourceConfiguration : IEntityTypeConfiguration<CustomerPaymentSource>
{
    public void Configure(EntityTypeBuilder<CustomerPaymentSource> builder)
    {
        builder.MapEntity("customer_payment_sources");
        builder.HasOne(s => s.Customer).WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.PaymentSource).WithMany().HasForeignKey(s => s.PaymentSourceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.CustomerId, s.PaymentSourceId }).IsUnique();
        builder.HasOne(s => s.PaymentMethod).WithMany().HasForeignKey(s => s.PaymentMethodId).OnDelete(DeleteBehavior.SetNull);
        builder.Ignore(s => s.Name);
    }
}
