using System.Security.Cryptography;
using System.Text;
using Commerce.Domain.Catalog;
using Commerce.Domain.Common;
using Commerce.Domain.Orders;

namespace Commerce.Domain.Recommendations;

/// <summary>
/// The store of what the recommender reads: co-purchase and sales counts kept up to date as orders are placed, cancelled
/// and recorded (<see cref="PurchaseCounts"/>), and the catalog's stock. Each method is one indexed query: the counts are
/// kept per SKU pair, so a recommendation never reads the orders themselves.
/// </summary>
public interface IRecommendationStore
{
    /// <summary>
    /// At most <paramref name="limit"/> SKUs bought together with any of <paramref name="skuIds"/>, none of them, in stock:
    /// ranked by the number of counted orders that contain both, summed over <paramref name="skuIds"/>, most first, then by
    /// code.
    /// </summary>
    Task<IReadOnlyList<Sku>> BoughtTogetherAsync(IReadOnlyCollection<string> skuIds, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// At most <paramref name="limit"/> SKUs in stock, none of <paramref name="excludedSkuIds"/>: the best sellers first (counted
    /// orders containing them, most first), then the SKUs never sold, by code.
    /// </summary>
    Task<IReadOnlyList<Sku>> BestSellersAsync(IReadOnlyCollection<string> excludedSkuIds, int limit, CancellationToken cancellationToken);
}

/// <summary>One slot's recommendations for one order: a stable <see cref="ResultId"/> and the SKUs, best first.</summary>
public sealed record Recommendation(string SlotId, string ResultId, IReadOnlyList<Sku> Skus);

/// <summary>
/// The order-page recommender: what to show beside an order (its confirmation page, Nosto's <c>forOrderPage</c>, the
/// <c>recommendations</c> of an order). The products bought together with the order's products (the placed orders that
/// contain both, most first), in stock, never one of the order's own, padded with the best sellers so the list is never
/// empty while the catalog has another product in stock.
/// </summary>
public sealed class Recommender(IRecommendationStore store)
{
    /// <summary>How many SKUs a slot shows when the caller does not say.</summary>
    public const int DefaultSize = 4;
    /// <summary>At most this many SKUs in one slot.</summary>
    public const int MaxSize = 20;
    /// <summary>The order page's slot when the caller names none (Nosto's default order-page placement).</summary>
    public const string DefaultOrderPageSlot = "thankyou-nosto-1";
    /// <summary>At most this many characters in a slot id.</summary>
    public const int MaxSlotIdLength = 64;

    /// <exception cref="DomainException">size (not 1..<see cref="MaxSize"/>), slot (empty or too long).</exception>
    public async Task<Recommendation> ForOrderAsync(Order order, int size = DefaultSize, string slotId = DefaultOrderPageSlot,
        CancellationToken cancellationToken = default)
    {
        if (size is < 1 or > MaxSize)
            throw new DomainException(FailureCodes.ValidationError, $"size must be between 1 and {MaxSize}", "size");
        if (string.IsNullOrWhiteSpace(slotId) || slotId.Length > MaxSlotIdLength)
            throw new DomainException(FailureCodes.ValidationError, $"a slot id has 1 to {MaxSlotIdLength} characters", "slot");

        var own = order.LineItems.Select(l => l.SkuId).Distinct(StringComparer.Ordinal).ToList();
        var skus = new List<Sku>();
        if (own.Count > 0)
            skus.AddRange(await store.BoughtTogetherAsync(own, size, cancellationToken));
        if (skus.Count < size)
        {
            var excluded = own.Concat(skus.Select(s => s.Id)).ToHashSet(StringComparer.Ordinal);
            skus.AddRange((await store.BestSellersAsync(excluded, size - skus.Count, cancellationToken)).Where(s => !excluded.Contains(s.Id)));
        }
        return new Recommendation(slotId, ResultIdFor(order.Id, slotId), skus);
    }

    /// <summary>
    /// The result id of one slot of one order: the same on every request (a page reloaded, the JSON:API read and Nosto's
    /// GraphQL alike), different for another slot or order; it reveals neither.
    /// </summary>
    public static string ResultIdFor(string orderId, string slotId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"order-page\n{orderId}\n{slotId}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }
}
