using Commerce.Api.Persistence;
using Commerce.Domain.Catalog;
using Commerce.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources.Customers;

/// <summary><c>customers</c>: people who order, one per email.</summary>
internal static class CustomersResource
{
    public static void Define(ResourceGraphBuilder graph) => graph.Add<Customer, CustomerHandler>("customers", c => c.Id, r => r
        .Describe("A customer, identified by email.")
        .Attribute(c => c.Email, Can.All)
        .Attribute(c => c.Reference, Can.All)
        .Attribute(c => c.Status, Can.Read | Can.Query, description: "prospect, acquired (one order) or repeat.")
        .Attribute(c => c.TotalOrdersCount, Can.Read | Can.Query)
        .WriteOnly<string>("password", Can.Create | Can.Change, "Lets the customer sign in (grant_type=password); stored hashed, never returned. "
            + "A customer changing (or removing) its own password must also send current_password; an integration may reset it without.")
        .WriteOnly<string>("current_password", Can.Change, "The customer's current password, required with password when a customer token changes it; never stored or returned.")
        .WithTimestamps()
        .Loaded<CustomerAddress>("customer_addresses", "customer_addresses", a => a.CustomerId, async (services, customer, ct) =>
            await services.GetRequiredService<CommerceDbContext>().CustomerAddresses.AsNoTracking().Include(a => a.Address).Include(a => a.Customer)
                .Where(a => a.CustomerId == ((Customer)customer).Id).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(ct),
            "The customer's address book.")
        .Loaded<CustomerPaymentSource>("customer_payment_sources", "customer_payment_sources", s => s.CustomerId, async (services, customer, ct) =>
            await services.GetRequiredService<CommerceDbContext>().CustomerPaymentSources.AsNoTracking()
                .Include(s => s.PaymentSource).Include(s => s.PaymentMethod).Include(s => s.Customer)
                .Where(s => s.CustomerId == ((Customer)customer).Id).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(ct),
            "The customer's wallet."));
}
