using Commerce.Domain.Orders;

namespace Commerce.Api.GraphQL.Magento;

/// <summary>
/// Magento's <c>CartAddressInput</c>, mapped onto an address: <c>firstname</c>→first_name, <c>lastname</c>→last_name,
/// <c>street[0]</c>/<c>street[1]</c>→line_1/line_2, <c>postcode</c>→zip_code, <c>telephone</c>→phone,
/// <c>region</c>→state_code, <c>country_code</c>→country_code. <c>region_id</c> and <c>save_in_address_book</c> are accepted
/// and not used (regions are codes here; there is no address book on a cart).
/// </summary>
internal sealed record MagentoAddress(
    string? FirstName, string? LastName, string? Company, IReadOnlyList<string> Street, string? City, string? Region,
    string? Postcode, string? CountryCode, string? Telephone)
{
    public const int MaxStreetLines = 2;

    public static MagentoAddress? From(IDictionary<string, object?>? input)
    {
        if (input is null)
            return null;
        string? Text(string key) => input.TryGetValue(key, out var value) ? value?.ToString() : null;
        var street = input.TryGetValue("street", out var lines) && lines is IEnumerable<object?> list
            ? list.Select(l => l?.ToString() ?? "").ToList()
            : [];
        if (street.Count > MaxStreetLines)
            throw new MagentoError($"\"street\" has at most {MaxStreetLines} lines.", MagentoError.Input);
        return new(Text("firstname"), Text("lastname"), Text("company"), street, Text("city"), Text("region"), Text("postcode"),
            Text("country_code")?.ToUpperInvariant(), Text("telephone"));
    }

    public AddressDetails ToDetails() => new()
    {
        FirstName = FirstName,
        LastName = LastName,
        Company = Company,
        Line1 = Street.Count > 0 ? Street[0] : null,
        Line2 = Street.Count > 1 ? Street[1] : null,
        City = City,
        ZipCode = Postcode,
        StateCode = Region,
        CountryCode = CountryCode,
        Phone = Telephone,
    };

    /// <summary>The Magento name of an address field, for error messages.</summary>
    public static string MagentoName(string? member) => member switch
    {
        "first_name" => "firstname",
        "last_name" => "lastname",
        "line_1" or "line_2" => "street",
        "zip_code" => "postcode",
        "phone" => "telephone",
        "state_code" => "region",
        null => "address",
        _ => member,
    };

    public static IReadOnlyList<string> StreetOf(Address address) =>
        [.. new[] { address.Line1, address.Line2 }.Where(l => !string.IsNullOrEmpty(l)).Select(l => l!)];
}
