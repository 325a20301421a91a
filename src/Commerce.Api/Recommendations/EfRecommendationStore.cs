using Commerce.Api.Persistence;
using Commerce.Domain.Catalog;
using Commerce.Domain.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Recommendations;

/// <summary>
/// <see cref="IRecommendationStore"/> on EF Core: the co-purchase counts by their key (<c>co_purchases</c>: one index range per
/// SKU of the order), the best sellers by the index on <c>sku_sales.orders_count</c>; the SKUs (with their prices) read after,
/// no tracking. Neither query reads an order or a line item.
/// </summary>
internal sealed class EfRecommendationStore(CommerceDbContext db) : IRecommendationStore
{
    public async Task<IReadOnlyList<Sku>> BoughtTogetherAsync(IReadOnlyCollection<string> skuIds, int limit, CancellationToken cancellationToken)
    {
        var own = skuIds.ToList();
        var ranked = await db.CoPurchases.AsNoTracking()
            .Where(p => own.Contains(p.SkuId) && !own.Contains(p.OtherSkuId) && p.OrdersCount > 0)
            .GroupBy(p => p.OtherSkuId)
            .Select(g => new { SkuId = g.Key, Score = g.Sum(p => p.OrdersCount) })
            .Join(db.StockItems.Where(s => s.Quantity > 0), r => r.SkuId, s => s.SkuId, (r, _) => r)
            .Join(db.Skus, r => r.SkuId, s => s.Id, (r, s) => new { r.SkuId, r.Score, s.Code })
            .OrderByDescending(r => r.Score).ThenBy(r => r.Code)
            .Take(limit)
            .Select(r => r.SkuId)
            .ToListAsync(cancellationToken);
        return await SkusAsync(ranked, cancellationToken);
    }

    public async Task<IReadOnlyList<Sku>> BestSellersAsync(IReadOnlyCollection<string> excludedSkuIds, int limit, CancellationToken cancellationToken)
    {
        var excluded = excludedSkuIds.ToList();
        var ids = await db.SkuSales.AsNoTracking()
            .Where(s => s.OrdersCount > 0 && !excluded.Contains(s.SkuId))
            .Join(db.StockItems.Where(i => i.Quantity > 0), s => s.SkuId, i => i.SkuId, (s, _) => s)
            .Join(db.Skus, s => s.SkuId, k => k.Id, (s, k) => new { s.SkuId, s.OrdersCount, k.Code })
            .OrderByDescending(s => s.OrdersCount).ThenBy(s => s.Code)
            .Take(limit)
            .Select(s => s.SkuId)
            .ToListAsync(cancellationToken);
        if (ids.Count < limit)
        {
            var also = excluded.Concat(ids).ToList();
            ids.AddRange(await db.StockItems.AsNoTracking()
                .Where(i => i.Quantity > 0 && !also.Contains(i.SkuId) && !db.SkuSales.Any(s => s.SkuId == i.SkuId && s.OrdersCount > 0))
                .Join(db.Skus, i => i.SkuId, k => k.Id, (i, k) => new { k.Id, k.Code })
                .OrderBy(k => k.Code)
                .Take(limit - ids.Count)
                .Select(k => k.Id)
                .ToListAsync(cancellationToken));
        }
        return await SkusAsync(ids, cancellationToken);
    }

    /// <summary>The SKUs with their prices, in the order of <paramref name="ids"/>.</summary>
    private async Task<IReadOnlyList<Sku>> SkusAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
            return [];
        var list = ids.ToList();
        var skus = await db.Skus.AsNoTracking().Include(s => s.Prices).Where(s => list.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        return [.. ids.Where(skus.ContainsKey).Select(id => skus[id])];
    }
}
