using Commerce.Api.Configuration;

namespace Commerce.Api.Markets;

/// <summary>The <c>Markets</c> configuration section.</summary>
public sealed class MarketOptions
{
    public const string Section = "Markets";

    /// <summary>
    /// The code of the market an order is created in when neither the token's scope, nor the order's <c>market</c>
    /// relationship, nor its <c>currency_code</c> names one. Unset: the enabled market with the lowest <c>number</c>.
    /// </summary>
    public string? DefaultMarketCode { get; set; }
}

/// <summary>The rules of the <c>Markets</c> section.</summary>
internal sealed class MarketOptionsValidator() : SectionValidator<MarketOptions>(MarketOptions.Section)
{
    protected override void Check(MarketOptions options, SectionProblems problems)
    {
        if (options.DefaultMarketCode is { } code && string.IsNullOrWhiteSpace(code))
            problems.Add($"{problems.Key(nameof(options.DefaultMarketCode))} is blank: name a market's code, or leave it out for the market numbered lowest");
    }
}
