using Commerce.Domain.Common;
using Commerce.Domain.Orders;

namespace Commerce.Domain.Placement;

/// <summary>The units of one SKU an order takes from stock (its line items of that SKU summed).</summary>
public sealed record StockUnits(string SkuId, string SkuCode, int Quantity);

/// <summary>A SKU that has fewer units on hand than the order wants.</summary>
/// <param name="Requested">The units the order wants (its line items of the SKU summed).</param>
/// <param name="Available">The units on hand, never below 0.</param>
public sealed record StockShortage(string SkuId, string SkuCode, long Requested, int Available);

/// <summary>
/// Stock at placement, in one place: what an order takes, what is short, and the <c>OUT_OF_STOCK</c> failure that says so
/// (the same whether the precondition check saw it or the store's compare-and-set did). Placement takes the units when it
/// begins and gives them back when it is undone; a cancelled or refunded order gives them back through the outbox
/// (<c>ReturnStock</c>), by the same <see cref="UnitsOf(IEnumerable{LineItem})"/>.
/// </summary>
public static class Stock
{
    /// <summary>
    /// The units an order takes, by SKU, in SKU id order: every placement takes the stock of its SKUs in the same order, so
    /// two placements of orders with the same SKUs wait for each other instead of deadlocking (PostgreSQL answered 40P01 to
    /// about half the placements of the load benchmark's checkout when the line items' load order decided).
    /// </summary>
    public static IReadOnlyList<StockUnits> UnitsOf(Order order) => UnitsOf(order.LineItems);

    /// <summary>
    /// The units the line items of one order take (or gave back), as <see cref="UnitsOf(Order)"/>. Lines of SKUs whose stock
    /// is not tracked (<see cref="LineItem.DoNotTrack"/>) take none.
    /// </summary>
    public static IReadOnlyList<StockUnits> UnitsOf(IEnumerable<LineItem> lineItems) =>
        [.. lineItems.Where(l => l.IsSku && !l.DoNotTrack).GroupBy(l => l.SkuId!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new StockUnits(g.Key, g.First().SkuCode, g.Sum(l => l.Quantity)))];

    /// <summary>
    /// The SKUs of <paramref name="order"/> with fewer units on hand than it wants; a SKU missing from <paramref name="onHand"/>
    /// has 0. Lines whose stock is not tracked are never short.
    /// </summary>
    public static IReadOnlyList<StockShortage> ShortagesOf(Order order, IReadOnlyDictionary<string, int> onHand)
    {
        var shortages = new List<StockShortage>();
        foreach (var group in order.LineItems.Where(l => l.IsSku && !l.DoNotTrack).GroupBy(l => l.SkuId!))
        {
            var wanted = group.Sum(l => (long)l.Quantity);
            var available = onHand.TryGetValue(group.Key, out var units) ? Math.Max(units, 0) : 0;
            if (wanted > available)
                shortages.Add(new(group.Key, group.First().SkuCode, wanted, available));
        }
        return shortages;
    }

    /// <summary>The failure of a shortage (<see cref="OutOfStock(string, long, int)"/>).</summary>
    public static DomainFailure OutOfStock(StockShortage shortage) => OutOfStock(shortage.SkuCode, shortage.Requested, shortage.Available);

    /// <summary>
    /// The one <c>OUT_OF_STOCK</c> failure of a SKU short of stock, at the <c>line_items</c> relationship, with meta
    /// <c>sku_code</c> and <c>available</c>: the same whether the precondition check found it or the store's compare-and-set.
    /// </summary>
    public static DomainFailure OutOfStock(string skuCode, long requested, int available) =>
        new(FailureCodes.OutOfStock, "line_items", IsRelationship: true,
            $"{skuCode} is out of stock: {requested} requested, {available} available",
            new Dictionary<string, object?> { ["sku_code"] = skuCode, ["available"] = available });
}
