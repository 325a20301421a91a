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

    public string Code { get; set; }
    public string Name { get; set; }
    public string? Description { get; set; }
    public string? ImageUrl { get; set; }
    public bool DoNotShip { get; set; }
    public int PiecesPerPack { get; set; }
    public int? WeightGrams { get; set; }
    public string? Reference { get; set; }

    public IReadOnlyCollection<Price> Prices => _prices;
    public StockItem? StockItem { get; private set; }

    /// <summary>Sets the price in a currency: changes the existing one or adds a new one.</summary>
    public Price SetPrice(string currencyCode, long amountCents)
    {
        if (PriceIn(currencyCode) is { } existing)
        {
            existing.AmountCents = amountCents;
            return existing;
        }

        var price = new Price(this, currencyCode.ToUpperInvariant(), amountCents);
        _prices.Add(price);
        return price;
    }

    public Price? PriceIn(string currencyCode) =>
        _prices.FirstOrDefault(p => string.Equals(p.CurrencyCode, currencyCode, StringComparison.OrdinalIgnoreCase));
}
