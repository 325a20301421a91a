using Commerce.Domain.Common;

namespace Commerce.Domain.Catalog;

/// <summary>How many units of a SKU are on hand. Never below zero.</summary>
public sealed class StockItem : Entity
{
    private StockItem() => SkuId = string.Empty;

    public StockItem(Sku sku, int quantity)
    {
        SkuId = sku.Id;
        Sku = sku;
        Quantity = quantity;
    }

    public string SkuId { get; set; }
    public Sku? Sku { get; private set; }
    public int Quantity { get; set; }
}
