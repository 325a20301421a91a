using Commerce.Domain.Common;

namespace Commerce.Domain.Catalog;

/// <summary>The price of one SKU in one currency, in minor units.</summary>
public sealed class Price : Entity
{
    private Price() => SkuId = CurrencyCode = string.Empty;

    public Price(Sku sku, string currencyCode, long amountCents)
    {
        SkuId = sku.Id;
        Sku = sku;
        CurrencyCode = currencyCode;
        AmountCents = amountCents;
    }

    public string SkuId { get; set; }
    public Sku? Sku { get; private set; }
    public string CurrencyCode { get; set; }
    public long AmountCents { get; set; }
    public long? CompareAtAmountCents { get; set; }
}
