using Commerce.Domain.Common;

namespace Commerce.Domain.Catalog;

public sealed class Sku : Entity
{
    private readonly List<Price> _prices = [];

    private Sku() => Code = Name = string.Empty;

    public Sku(string code, string name)
    {
        Code = code;
        Name = name;
        PiecesPerPack = 1;
    }

    /// <summary>Unique; changed with <see cref="ChangeCode"/>.</summary>
    public string Code { get; private set; }
    public string Name { get; set; }
    public string? Description { get; set; }
    public string? ImageUrl { get; set; }
    public bool DoNotShip { get; set; }
    /// <summary>True when the SKU's stock is not tracked: placement neither checks nor takes its units (as Commerce Layer's <c>do_not_track</c>).</summary>
    public bool DoNotTrack { get; set; }
    public int PiecesPerPack { get; set; }
    public int? WeightGrams { get; set; }
    public string? Reference { get; set; }

    public IReadOnlyCollection<Price> Prices => _prices;

    /// <summary>A new code, copied into every price of the SKU (load <see cref="Prices"/> first).</summary>
    public void ChangeCode(string code)
    {
        Code = code;
        foreach (var price in _prices)
            price.SkuCode = code;
    }
    public StockItem? StockItem { get; private set; }

    /// <summary>Sets the price in a price list: changes the existing one or adds a new one.</summary>
    public Price SetPrice(PriceList priceList, long amountCents)
    {
        if (PriceIn(priceList.Id) is { } existing)
        {
            existing.AmountCents = amountCents;
            return existing;
        }

        var price = new Price(this, priceList, amountCents);
        _prices.Add(price);
        return price;
    }

    /// <summary>The price in the price list <paramref name="priceListId"/>; null when the list has none for this SKU.</summary>
    public Price? PriceIn(string priceListId) => _prices.FirstOrDefault(p => p.PriceListId == priceListId);
}
