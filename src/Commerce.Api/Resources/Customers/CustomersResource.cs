using Commerce.Domain.Catalog;
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
        .WithTimestamps());
}
