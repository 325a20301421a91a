using Commerce.Domain.Common;

namespace Commerce.Domain.Catalog;

/// <summary>The price of one SKU in one <see cref="PriceList"/>, in minor units of the list's currency.</summary>
public sealed class Price : Entity
{
    private Price() => SkuId = SkuCode = PriceListId = CurrencyCode = string.Empty;

    public Price(Sku sku, PriceList priceList, long amountCents)
    {
        SkuId = sku.Id;
        Sku = sku;
        SkuCode = sku.Code;
        PriceListId = priceList.Id;
        PriceList = priceList;
        CurrencyCode = priceList.CurrencyCode;
        AmountCents = amountCents;
    }

    public string SkuId { get; set; }
    public Sku? Sku { get; private set; }
    /// <summary>The SKU's code (a copy, kept by <see cref="Catalog.Sku.ChangeCode"/>), so that prices filter by it alone.</summary>
    public string SkuCode { get; internal set; }
    public string PriceListId { get; private set; }
    public PriceList? PriceList { get; private set; }
    /// <summary>The price list's currency (a copy, so that a price reads and filters alone).</summary>
    public string CurrencyCode { get; private set; }
    public long AmountCents { get; set; }
    public long? CompareAtAmountCents { get; set; }
}
