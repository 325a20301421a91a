using Commerce.Domain.Common;

namespace Commerce.Domain.Catalog;

public sealed class ShippingMethod : Entity
{
    private ShippingMethod() => Name = CurrencyCode = string.Empty;

    public ShippingMethod(string name, string currencyCode, long priceAmountCents)
    {
        Name = name;
        CurrencyCode = currencyCode;
        PriceAmountCents = priceAmountCents;
    }

    public string Name { get; set; }
    public string CurrencyCode { get; set; }
    public long PriceAmountCents { get; set; }
    /// <summary>Shipping is free when the order's subtotal reaches this amount; null: never free.</summary>
    public long? FreeOverAmountCents { get; set; }
    /// <summary>ISO 3166-1 alpha-2 codes served; empty: every country.</summary>
    public List<string> CountryCodes { get; set; } = [];
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>The one market this method serves; null: every market.</summary>
    public string? MarketId { get; private set; }
    public Market? Market { get; private set; }
    public string? Reference { get; set; }

    public bool Serves(string countryCode) =>
        CountryCodes.Count == 0 || CountryCodes.Contains(countryCode, StringComparer.OrdinalIgnoreCase);

    public long PriceFor(long subtotalCents) =>
        FreeOverAmountCents is { } threshold && subtotalCents >= threshold ? 0 : PriceAmountCents;

    /// <summary>Restricts the method to <paramref name="market"/>, or opens it to every market with null.</summary>
    public void RestrictToMarket(Market? market)
    {
        Market = market;
        MarketId = market?.Id;
    }

    /// <summary>Whether the method may serve an order of the market <paramref name="marketId"/>.</summary>
    public bool ServesMarket(string marketId) => MarketId is null || MarketId == marketId;
}
