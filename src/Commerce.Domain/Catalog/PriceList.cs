using Commerce.Domain.Common;
using Commerce.Domain.Money;

namespace Commerce.Domain.Catalog;

/// <summary>
/// <c>price_lists</c>: a set of prices in one currency (each <see cref="Price"/> belongs to one list), and whether those
/// prices include tax. A <see cref="Market"/> sells at one list's prices; an order takes its currency and
/// <c>tax_included</c> from its market's list.
/// </summary>
public sealed class PriceList : Entity
{
    private PriceList() => Name = CurrencyCode = string.Empty;

    /// <exception cref="DomainException">currency_code is not a supported ISO 4217 code.</exception>
    public PriceList(string name, string currencyCode, bool taxIncluded = true)
    {
        if (!Currencies.IsKnown(currencyCode))
            throw new DomainException(FailureCodes.ValidationError, "currency_code is not a supported ISO 4217 code", "currency_code");
        Name = name;
        CurrencyCode = currencyCode.ToUpperInvariant();
        TaxIncluded = taxIncluded;
    }

    public string Name { get; set; }
    /// <summary>Unique when present.</summary>
    public string? Code { get; set; }
    /// <summary>Fixed once the list exists: its prices are in it.</summary>
    public string CurrencyCode { get; private set; }
    /// <summary>Whether the list's prices already include tax.</summary>
    public bool TaxIncluded { get; set; }
    public string? Reference { get; set; }
}
