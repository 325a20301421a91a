using Commerce.Domain.Orders;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources.Addresses;

/// <summary><c>addresses</c>: billing and shipping addresses, validated by the domain's rules.</summary>
internal static class AddressesResource
{
    public static void Define(ResourceGraphBuilder graph) => graph.Add<Address, AddressHandler>("addresses", a => a.Id, r => r
        .Describe("A postal address: first_name and last_name, or company; line_1, city, zip_code where the country uses one, country_code, phone.")
        .Attribute(a => a.FirstName, Can.All)
        .Attribute(a => a.LastName, Can.All)
        .Attribute(a => a.Company, Can.All)
        .Attribute(a => a.Line1, Can.Read | Can.Write, name: "line_1")
        .Attribute(a => a.Line2, Can.Read | Can.Write, name: "line_2")
        .Attribute(a => a.City, Can.All)
        .Attribute(a => a.ZipCode, Can.All)
        .Attribute(a => a.StateCode, Can.All)
        .Attribute(a => a.CountryCode, Can.All, description: "ISO 3166-1 alpha-2.")
        .Attribute(a => a.Phone, Can.Read | Can.Write)
        .Attribute(a => a.Email, Can.All)
        .Computed("full_name", a => a.FullName, "The company, else first and last name.")
        .Computed("full_address", a => a.FullAddress, "The location in one line, without the name: street, zip code, city, state, (country), phone.")
        .Computed("name", a => a.OneLine, "full_name and full_address in one line.")
        .WithTimestamps());
}
