using Commerce.Domain.Common;

namespace Commerce.Domain.Catalog;

public sealed class PaymentMethod : Entity
{
    private PaymentMethod() => Name = PaymentSourceType = CurrencyCode = string.Empty;

    public PaymentMethod(string name, string paymentSourceType, string currencyCode, string? gateway)
    {
        Name = name;
        PaymentSourceType = paymentSourceType;
        CurrencyCode = currencyCode;
        Gateway = gateway;
    }

    public string Name { get; set; }
    /// <summary>The payment source resource type this method takes: <c>external_payments</c> or <c>wire_transfers</c>.</summary>
    public string PaymentSourceType { get; set; }
    public string CurrencyCode { get; set; }
    public long PriceAmountCents { get; set; }
    /// <summary><c>test</c>, <c>external</c>, or null for no gateway (wire transfers).</summary>
    public string? Gateway { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>The one market this method serves; null: every market.</summary>
    public string? MarketId { get; private set; }
    public Market? Market { get; private set; }
    public string? Reference { get; set; }

    public bool IsEnabled => DisabledAt is null;

    /// <summary>Restricts the method to <paramref name="market"/>, or opens it to every market with null.</summary>
    public void RestrictToMarket(Market? market)
    {
        Market = market;
        MarketId = market?.Id;
    }

    /// <summary>Whether the method may serve an order of the market <paramref name="marketId"/>.</summary>
    public bool ServesMarket(string marketId) => MarketId is null || MarketId == marketId;
}
