using Commerce.Domain.Orders;

namespace Commerce.Domain.Recommendations;

/// <summary>How a count moves: <paramref name="Delta"/> counted orders more (or fewer) for one SKU, or one ordered pair of SKUs.</summary>
public sealed record SkuCountChange(string SkuId, int Delta);

/// <inheritdoc cref="SkuCountChange"/>
public sealed record PairCountChange(string SkuId, string OtherSkuId, int Delta);

/// <summary>What an order's change does to the counts: the SKUs' sales and the pairs' co-purchases.</summary>
public sealed record PurchaseCountChange(IReadOnlyList<SkuCountChange> Skus, IReadOnlyList<PairCountChange> Pairs)
{
    public static readonly PurchaseCountChange None = new([], []);

    public bool IsEmpty => Skus.Count == 0 && Pairs.Count == 0;
}

/// <summary>
/// The rule of what the recommender counts, in one place: an order counts while it is placed or approved (a cancelled one
/// does not), once per distinct SKU it contains (its quantities and repeated lines do not weigh), and once per ordered pair
/// of its distinct SKUs. Placement adds an order's counts when it is placed and takes them away when it is cancelled or
/// refunded (the outbox, exactly once); a recorded conversion moves them by the difference between before and after.
/// </summary>
public static class PurchaseCounts
{
    /// <summary>Whether an order in <paramref name="status"/> counts.</summary>
    public static bool Counts(string status) => status is OrderStatus.Placed or OrderStatus.Approved;

    /// <summary>The distinct SKUs an order counts for, in id order: empty unless it <see cref="Counts(string)"/>.</summary>
    public static IReadOnlyList<string> BasketOf(Order order) =>
        Counts(order.Status) ? BasketOf(order.LineItems.Select(l => l.SkuId)) : [];

    /// <summary>The distinct SKUs of some line items, in id order.</summary>
    public static IReadOnlyList<string> BasketOf(IEnumerable<string> skuIds) =>
        [.. skuIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>An order with <paramref name="basket"/> counted once more (<paramref name="sign"/> 1) or once less (-1).</summary>
    public static PurchaseCountChange Of(IReadOnlyList<string> basket, int sign) => Between(sign > 0 ? [] : basket, sign > 0 ? basket : []);

    /// <summary>The change from counting an order's <paramref name="before"/> basket to counting its <paramref name="after"/> basket.</summary>
    public static PurchaseCountChange Between(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var removed = before.Except(after, StringComparer.Ordinal).ToList();
        var added = after.Except(before, StringComparer.Ordinal).ToList();
        if (removed.Count == 0 && added.Count == 0)
            return PurchaseCountChange.None;
        var skus = removed.Select(s => new SkuCountChange(s, -1)).Concat(added.Select(s => new SkuCountChange(s, 1))).ToList();
        var pairs = new Dictionary<(string, string), int>();
        foreach (var (a, b) in PairsOf(before))
            pairs[(a, b)] = -1;
        foreach (var (a, b) in PairsOf(after))
            pairs[(a, b)] = pairs.GetValueOrDefault((a, b)) + 1;
        return new PurchaseCountChange(skus,
            [.. pairs.Where(p => p.Value != 0).OrderBy(p => p.Key.Item1, StringComparer.Ordinal).ThenBy(p => p.Key.Item2, StringComparer.Ordinal)
                .Select(p => new PairCountChange(p.Key.Item1, p.Key.Item2, p.Value))]);
    }

    private static IEnumerable<(string, string)> PairsOf(IReadOnlyList<string> basket) =>
        from a in basket from b in basket where !string.Equals(a, b, StringComparison.Ordinal) select (a, b);
}
