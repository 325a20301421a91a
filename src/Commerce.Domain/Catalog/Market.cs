using Commerce.Domain.Common;

namespace Commerce.Domain.Catalog;

/// <summary>
/// <c>markets</c>: where and at what prices an order is sold. An order belongs to one market and takes its currency and
/// <c>tax_included</c> from the market's <see cref="PriceList"/>; shipping and payment methods may be restricted to one
/// market (none: every market). A disabled market takes no new orders and no new tokens.
/// </summary>
public sealed class Market : Entity
{
    private Market() => Name = PriceListId = string.Empty;

    public Market(string name, PriceList priceList)
    {
        Name = name;
        PriceList = priceList;
        PriceListId = priceList.Id;
    }

    public string Name { get; set; }
    /// <summary>Unique when present; what a token's <c>market:code:</c> scope names.</summary>
    public string? Code { get; set; }
    /// <summary>A number unique among markets, assigned by the service when the market is created (as Commerce Layer's).</summary>
    public int Number { get; private set; }
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>The hosted checkout to send this market's shoppers to, when the shop has its own.</summary>
    public string? CheckoutUrl { get; set; }
    public string? Reference { get; set; }

    public string PriceListId { get; private set; }
    public PriceList? PriceList { get; private set; }

    public bool IsEnabled => DisabledAt is null;

    /// <summary>Sets the number once (the host picks the next free one).</summary>
    public void AssignNumber(int number)
    {
        if (Number != 0)
            throw new InvalidOperationException("A market's number is assigned once.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        Number = number;
    }

    /// <summary>Sells at another list's prices from now on; orders already created keep the list they were priced from.</summary>
    public void UsePriceList(PriceList priceList)
    {
        PriceList = priceList;
        PriceListId = priceList.Id;
    }
}
