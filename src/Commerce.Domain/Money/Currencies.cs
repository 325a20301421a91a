using System.Collections.Frozen;

namespace Commerce.Domain.Money;

/// <summary>
/// The currencies the service accepts, with their ISO 4217 minor units and the symbol used when
/// formatting (Commerce Layer style: symbol before the number, no space).
/// </summary>
public static class Currencies
{
    private static readonly FrozenDictionary<string, CurrencyInfo> Table = new CurrencyInfo[]
    {
        new("EUR", 2, "€"),
        new("USD", 2, "$"),
        new("GBP", 2, "£"),
        new("JPY", 0, "¥"),
        new("CHF", 2, "CHF"),
        new("SEK", 2, "kr"),
        new("DKK", 2, "kr."),
        new("NOK", 2, "kr"),
        new("PLN", 2, "zł"),
        new("CAD", 2, "$"),
        new("AUD", 2, "$"),
        new("KWD", 3, "KD"),
        new("BHD", 3, "BD"),
    }.ToFrozenDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every supported ISO 4217 code, upper case.</summary>
    public static IReadOnlyCollection<string> Codes => Table.Keys;

    public static bool IsKnown(string? code) => code is not null && Table.ContainsKey(code);

    /// <summary>The currency's facts; throws <see cref="ArgumentException"/> for an unknown code.</summary>
    public static CurrencyInfo Get(string code) =>
        Table.TryGetValue(code, out var info)
            ? info
            : throw new ArgumentException($"Unknown currency '{code}'.", nameof(code));

    /// <summary>ISO 4217 minor units: 2 for EUR, 0 for JPY, 3 for KWD.</summary>
    public static int MinorUnits(string code) => Get(code).MinorUnits;
}

/// <summary>One currency: ISO 4217 code, number of minor-unit digits, display symbol.</summary>
public sealed record CurrencyInfo(string Code, int MinorUnits, string Symbol)
{
    /// <summary>10^MinorUnits: how many minor units make one major unit.</summary>
    public long Factor
    {
        get
        {
            long factor = 1;
            for (var i = 0; i < MinorUnits; i++)
                factor *= 10;
            return factor;
        }
    }
}
