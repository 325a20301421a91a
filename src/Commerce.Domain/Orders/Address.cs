using Commerce.Domain.Common;

namespace Commerce.Domain.Orders;

/// <summary>The attributes of an address, as a value: used to create and to change one.</summary>
public sealed record AddressDetails
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Company { get; init; }
    public string? Line1 { get; init; }
    public string? Line2 { get; init; }
    public string? City { get; init; }
    public string? ZipCode { get; init; }
    public string? StateCode { get; init; }
    public string? CountryCode { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
}

/// <summary>
/// A postal address (<c>addresses</c>). Attributes change only through <see cref="Change"/>;
/// <see cref="Validate"/> reports every broken rule at once instead of throwing.
/// </summary>
public sealed class Address : Entity
{
    private Address()
    {
    }

    public Address(AddressDetails details) => Apply(details);

    public string? FirstName { get; private set; }
    public string? LastName { get; private set; }
    public string? Company { get; private set; }
    public string? Line1 { get; private set; }
    public string? Line2 { get; private set; }
    public string? City { get; private set; }
    public string? ZipCode { get; private set; }
    public string? StateCode { get; private set; }
    /// <summary>ISO 3166-1 alpha-2, stored upper case.</summary>
    public string? CountryCode { get; private set; }
    public string? Phone { get; private set; }
    public string? Email { get; private set; }

    /// <summary>Commerce Layer's <c>full_name</c>: the company (business), else first and last name (personal).</summary>
    public string? FullName => Company ?? (string.Join(' ', new[] { FirstName, LastName }.Where(p => p is not null)) is { Length: > 0 } name ? name : null);

    /// <summary>
    /// Commerce Layer's <c>full_address</c>: the location in one line, without the name
    /// (<c>Via Roma 1 Int. 4, 20121 Milano MI (IT) +39 02 1234</c>).
    /// </summary>
    public string FullAddress
    {
        get
        {
            var street = string.Join(' ', new[] { Line1, Line2 }.Where(p => p is not null));
            var place = string.Join(' ', new[] { ZipCode, City, StateCode, CountryCode is null ? null : $"({CountryCode})", Phone }.Where(p => p is not null));
            return string.Join(", ", new[] { street, place }.Where(p => p.Length > 0));
        }
    }

    /// <summary>Commerce Layer's <c>name</c>: the full name and the full address in one line.</summary>
    public string OneLine => string.Join(", ", new[] { FullName, FullAddress }.Where(p => !string.IsNullOrEmpty(p)));

    /// <summary>Replaces every attribute (use <c>ToDetails() with { ... }</c> for a partial change).</summary>
    public void Change(AddressDetails details) => Apply(details);

    public AddressDetails ToDetails() => new()
    {
        FirstName = FirstName,
        LastName = LastName,
        Company = Company,
        Line1 = Line1,
        Line2 = Line2,
        City = City,
        ZipCode = ZipCode,
        StateCode = StateCode,
        CountryCode = CountryCode,
        Phone = Phone,
        Email = Email,
    };

    /// <summary>A new address with the same attributes and a new id.</summary>
    public Address Copy() => new(ToDetails());

    /// <summary>
    /// Every broken rule: a person (first_name and last_name) or a company; line_1; city; zip_code
    /// where the country uses postal codes; country_code a valid ISO 3166-1 alpha-2; phone;
    /// email well formed when given. Empty when the address is valid. Each failure is a <c>VALIDATION_ERROR</c> at
    /// the attribute at fault.
    /// </summary>
    public IReadOnlyList<DomainFailure> Validate()
    {
        var failures = new List<DomainFailure>();
        void Fail(string member, string detail) => failures.Add(DomainFailure.AtAttribute(member, detail));
        var hasCompany = !string.IsNullOrWhiteSpace(Company);
        if (!hasCompany && string.IsNullOrWhiteSpace(FirstName))
            Fail("first_name", "can't be blank (or give a company)");
        if (!hasCompany && string.IsNullOrWhiteSpace(LastName))
            Fail("last_name", "can't be blank (or give a company)");
        if (string.IsNullOrWhiteSpace(Line1))
            Fail("line_1", "can't be blank");
        if (string.IsNullOrWhiteSpace(City))
            Fail("city", "can't be blank");
        if (string.IsNullOrWhiteSpace(CountryCode))
            Fail("country_code", "can't be blank");
        else if (!Countries.IsValid(CountryCode))
            Fail("country_code", "is not a valid ISO 3166-1 alpha-2 country code");
        if (string.IsNullOrWhiteSpace(ZipCode) && (CountryCode is null || !Countries.IsValid(CountryCode) || Countries.UsesPostalCodes(CountryCode)))
            Fail("zip_code", "can't be blank");
        if (string.IsNullOrWhiteSpace(Phone))
            Fail("phone", "can't be blank");
        if (!string.IsNullOrWhiteSpace(Email) && !EmailAddress.IsWellFormed(Email))
            Fail("email", "is not a valid email address");
        return failures;
    }

    public bool IsValid => Validate().Count == 0;

    private void Apply(AddressDetails details)
    {
        FirstName = Clean(details.FirstName);
        LastName = Clean(details.LastName);
        Company = Clean(details.Company);
        Line1 = Clean(details.Line1);
        Line2 = Clean(details.Line2);
        City = Clean(details.City);
        ZipCode = Clean(details.ZipCode);
        StateCode = Clean(details.StateCode);
        CountryCode = Clean(details.CountryCode)?.ToUpperInvariant();
        Phone = Clean(details.Phone);
        Email = Clean(details.Email);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
