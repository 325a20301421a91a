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

    /// <summary>Units sold that were not in stock, summed over time: an oversell is recorded, never hidden.</summary>
    public int OversoldQuantity { get; private set; }

    /// <summary>Takes <paramref name="quantity"/> units for a placed order; never below zero. Returns the units actually taken.</summary>
    public int Take(int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        var taken = Math.Min(quantity, Quantity);
        Quantity -= taken;
        OversoldQuantity += quantity - taken;
        return taken;
    }

    /// <summary>Puts back units a cancelled order had taken.</summary>
    public void Return(int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        Quantity += quantity;
    }
}
