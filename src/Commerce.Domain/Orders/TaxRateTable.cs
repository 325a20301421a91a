using System.Collections.Frozen;

namespace Commerce.Domain.Orders;

/// <summary>
/// Tax rate per country in basis points (1 bp = 0.01 %): IT 2200 = 22 %. A country not in the
/// table (or no country yet) is taxed at 0.
/// </summary>
public sealed class TaxRateTable
{
    private readonly FrozenDictionary<string, int> _rates;

    public TaxRateTable(IEnumerable<KeyValuePair<string, int>> rates)
    {
        _rates = rates.ToFrozenDictionary(r => r.Key.ToUpperInvariant(), r =>
            r.Value is >= 0 and <= 10000 ? r.Value : throw new ArgumentOutOfRangeException(nameof(rates), "A rate is 0..10000 basis points."));
    }

    /// <summary>The built-in table every order uses: standard VAT rates of common markets; US 0 (sales tax not modelled).</summary>
    public static TaxRateTable Standard { get; } = new(new Dictionary<string, int>
    {
        ["IT"] = 2200, ["DE"] = 1900, ["FR"] = 2000, ["ES"] = 2100, ["NL"] = 2100, ["BE"] = 2100,
        ["AT"] = 2000, ["PT"] = 2300, ["IE"] = 2300, ["SE"] = 2500, ["DK"] = 2500, ["FI"] = 2550,
        ["PL"] = 2300, ["GB"] = 2000, ["NO"] = 2500, ["CH"] = 810, ["JP"] = 1000, ["AU"] = 1000,
        ["CA"] = 500, ["US"] = 0,
    });

    public int RateFor(string? countryCode) =>
        countryCode is not null && _rates.TryGetValue(countryCode.ToUpperInvariant(), out var rate) ? rate : 0;
}
