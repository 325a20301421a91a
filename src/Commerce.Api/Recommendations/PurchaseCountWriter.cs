using Commerce.Api.Persistence;
using Commerce.Api.Persistence.Configurations;
using Commerce.Domain.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Recommendations;

/// <summary>
/// Moves the recommender's counts (<see cref="CoPurchase"/>, <see cref="SkuSales"/>) by a <see cref="PurchaseCountChange"/>,
/// inside the caller's transaction: an existing row by an atomic increment (concurrent orders of the same SKUs each land), a
/// missing one added to the context for the caller's save. Two transactions adding the same new row cannot both commit (its
/// key is unique): the loser fails whole and is retried by its caller (the outbox, the conversion's retry).
/// </summary>
internal static class PurchaseCountWriter
{
    public static async Task ApplyAsync(CommerceDbContext db, PurchaseCountChange change, CancellationToken cancellationToken)
    {
        if (change.IsEmpty)
            return;
        var skuIds = change.Skus.Select(s => s.SkuId).Concat(change.Pairs.Select(p => p.SkuId)).Distinct(StringComparer.Ordinal).ToList();
        if (await TryWholeBasketAsync(db, change, skuIds, cancellationToken))
            return;
        var sold = (await db.SkuSales.AsNoTracking().Where(s => skuIds.Contains(s.SkuId)).Select(s => s.SkuId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var sku in change.Skus)
        {
            if (sold.Contains(sku.SkuId))
                await db.SkuSales.Where(s => s.SkuId == sku.SkuId)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.OrdersCount, s => s.OrdersCount + sku.Delta), cancellationToken);
            else
                db.SkuSales.Add(new SkuSales { SkuId = sku.SkuId, OrdersCount = sku.Delta });
        }

        if (change.Pairs.Count == 0)
            return;
        var pairs = (await db.CoPurchases.AsNoTracking().Where(p => skuIds.Contains(p.SkuId) && skuIds.Contains(p.OtherSkuId))
            .Select(p => new { p.SkuId, p.OtherSkuId }).ToListAsync(cancellationToken))
            .Select(p => (p.SkuId, p.OtherSkuId)).ToHashSet();
        foreach (var pair in change.Pairs)
        {
            if (pairs.Contains((pair.SkuId, pair.OtherSkuId)))
                await db.CoPurchases.Where(p => p.SkuId == pair.SkuId && p.OtherSkuId == pair.OtherSkuId)
                    .ExecuteUpdateAsync(set => set.SetProperty(p => p.OrdersCount, p => p.OrdersCount + pair.Delta), cancellationToken);
            else
                db.CoPurchases.Add(new CoPurchase { SkuId = pair.SkuId, OtherSkuId = pair.OtherSkuId, OrdersCount = pair.Delta });
        }
    }

    /// <summary>
    /// The common case in two statements: a whole basket counted once more or once less (a placement, a cancellation) whose
    /// rows all exist (every basket after the first of its SKUs): every SKU and every ordered pair of the basket moves by the
    /// same delta. False, and nothing done, otherwise.
    /// </summary>
    private static async Task<bool> TryWholeBasketAsync(CommerceDbContext db, PurchaseCountChange change, List<string> skuIds, CancellationToken cancellationToken)
    {
        var delta = change.Skus.Count > 0 ? change.Skus[0].Delta : 0;
        var n = skuIds.Count;
        if (delta == 0 || change.Skus.Count != n || change.Pairs.Count != n * (n - 1)
            || change.Skus.Any(s => s.Delta != delta) || change.Pairs.Any(p => p.Delta != delta))
            return false;
        var rows = await db.SkuSales.CountAsync(s => skuIds.Contains(s.SkuId), cancellationToken);
        var pairs = n > 1 ? await db.CoPurchases.CountAsync(p => skuIds.Contains(p.SkuId) && skuIds.Contains(p.OtherSkuId), cancellationToken) : 0;
        if (rows != n || pairs != n * (n - 1))
            return false;
        await db.SkuSales.Where(s => skuIds.Contains(s.SkuId))
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.OrdersCount, s => s.OrdersCount + delta), cancellationToken);
        if (n > 1)
            await db.CoPurchases.Where(p => skuIds.Contains(p.SkuId) && skuIds.Contains(p.OtherSkuId))
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.OrdersCount, p => p.OrdersCount + delta), cancellationToken);
        return true;
    }
}
