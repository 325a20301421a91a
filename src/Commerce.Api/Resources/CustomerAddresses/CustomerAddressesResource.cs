using Commerce.Domain.Customers;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources.CustomerAddresses;

/// <summary>
/// <c>customer_addresses</c>: a customer's address book. A customer reads and keeps its own (through its token); an integration
/// any customer's; a sales channel none (403). An order takes a copy of a book address with <c>_billing_address_clone_id</c> /
/// <c>_shipping_address_clone_id</c>.
/// </summary>
internal static class CustomerAddressesResource
{
    public static void Define(ResourceGraphBuilder graph) => graph.Add<CustomerAddress, CustomerAddressHandler>("customer_addresses", a => a.Id, r => r
        .Describe("An entry of a customer's address book: the customer and one of its addresses.")
        .Computed("name", a => a.Name, "The address in one line: full name, street, zip code, city, state, (country), phone.")
        .Attribute(a => a.CustomerEmail, Can.Read | Can.Create, description:
            "The customer's email. On create: an integration may name the customer by it instead of the customer relationship; when both are sent they must agree.")
        .WithTimestamps()
        .ToOne(a => a.Customer, "customers", Can.Create, description: "The book's owner: a customer's token may leave it out (itself).")
        .ToOne(a => a.Address, "addresses", Can.Create | Can.Change, description: "An address of the customer's own (or of nobody's, which becomes the customer's)."));
}
