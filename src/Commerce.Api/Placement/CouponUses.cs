using Commerce.Api.Persistence;
using Commerce.Domain.Common;
using Commerce.Domain.Orders;
using Commerce.Domain.Placement;
using Commerce.Domain.Promotions;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Placement;

/// <summary>
/// The promotions an order's pricing may apply (<see cref="Order.UsePromotions"/>): active now, of the order's currency, with
/// their rules, and of coupon rules only the coupons whose code is one of <paramref name="codes"/> (the order's and the one
/// the request sets), so a shop with many coupons loads a handful.
/// </summary>
internal static class PromotionCandidates
{
    public static async Task LoadAsync(CommerceDbContext db, Order order, DateTimeOffset now, CancellationToken cancellationToken, params string?[] codes)
    {
        var normalized = codes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => Coupon.Normalize(c!)).Distinct().ToList();
        var candidates = await db.Promotions
            .Where(p => p.CurrencyCode == order.CurrencyCode && p.DisabledAt == null && p.StartsAt <= now && p.ExpiresAt > now)
            .Include(p => p.OrderAmountRule)
            .Include(p => p.CouponCodesRule).ThenInclude(r => r!.Coupons.Where(c => normalized.Contains(c.NormalizedCode)))
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        order.UsePromotions(candidates, now);
    }
}

/// <summary>
/// The uses of promotions and coupons, as a placement participant: placing takes one use of every promotion that fired and
/// of its coupon by conditional updates that cannot pass their limits (nor take a use of a promotion disabled or expired, or a
/// coupon expired, meanwhile); a placement undone gives them back; a cancelled order gives them back (a refund does not: the
/// discount was had).
/// </summary>
internal sealed class CouponUses : IPlacementParticipant
{
    public const string PromotionTarget = "promotion:";
    public const string CouponTarget = "coupon:";

    public string Name => "promotions";

    public async Task<IReadOnlyList<DomainFailure>> HoldAsync(PlacementParticipation placement, CancellationToken cancellationToken)
    {
        var failures = new List<DomainFailure>();
        var now = placement.Now;
        foreach (var line in placement.Order.LineItems.Where(l => PromotionTypes.IsPromotion(l.ItemType) && l.ItemId is not null))
        {
            var promotionId = line.ItemId!;
            var taken = await placement.Db.Promotions
                .Where(p => p.Id == promotionId && p.DisabledAt == null && p.StartsAt <= now && p.ExpiresAt > now
                    && (p.TotalUsageLimit == null || p.TotalUsageCount < p.TotalUsageLimit))
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.TotalUsageCount, p => p.TotalUsageCount + 1), cancellationToken);
            if (taken != 1)
            {
                failures.Add(Stopped(line, $"the promotion '{line.Name}' no longer applies (expired, disabled or used up)"));
                continue;
            }
            placement.Hold(PromotionTarget + promotionId, 1);
            if (line.CouponCode is null)
                continue;
            var normalized = Coupon.Normalize(line.CouponCode);
            var used = await placement.Db.Coupons
                .Where(c => c.NormalizedCode == normalized && (c.ExpiresAt == null || c.ExpiresAt > now) && (c.UsageLimit == null || c.UsageCount < c.UsageLimit))
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.UsageCount, c => c.UsageCount + 1), cancellationToken);
            if (used != 1)
            {
                failures.Add(Stopped(line, "coupon_code no longer applies: the coupon expired or was used up"));
                continue;
            }
            var coupon = await placement.Db.Coupons.Where(c => c.NormalizedCode == normalized)
                .Select(c => new { c.Id, c.CustomerSingleUse }).FirstAsync(cancellationToken);
            // After the update above, which holds the coupon's row until this transaction ends: a second placement of the same
            // customer waits for it there, and then sees this one's hold, so a single use is taken once even under a race.
            if (coupon.CustomerSingleUse && await UsedByCustomerAsync(placement, coupon.Id, cancellationToken))
            {
                failures.Add(Stopped(line, "coupon_code can be used once per customer, and this customer has used it on another order"));
                continue;
            }
            placement.Hold(CouponTarget + coupon.Id, 1);
        }
        return failures;
    }

    /// <summary>
    /// Whether another order of the order's customer (the same customer id, or the same e-mail address) holds a use of the coupon,
    /// being placed or placed; a use given back (a cancelled order, a failed payment) does not count.
    /// </summary>
    private static Task<bool> UsedByCustomerAsync(PlacementParticipation placement, string couponId, CancellationToken cancellationToken)
    {
        var order = placement.Order;
        var target = CouponTarget + couponId;
        var customerId = order.CustomerId;
        var email = order.CustomerEmail?.Trim().ToLowerInvariant();
        if (customerId is null && email is null)
            return Task.FromResult(false);
        var db = placement.Db;
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL's LOWER(), which the culture of this process does not touch.
        return db.PlacementHolds
            .Where(h => h.TargetId == target && h.OrderId != order.Id
                && (h.Status == PlacementHoldStatus.Held || h.Status == PlacementHoldStatus.Committed))
            .AnyAsync(h => db.Orders.Any(o => o.Id == h.OrderId
                && ((customerId != null && o.CustomerId == customerId) || (email != null && o.CustomerEmail != null && o.CustomerEmail.ToLower() == email))), cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
    }

    private static DomainFailure Stopped(LineItem line, string detail) =>
        line.CouponCode is null ? DomainFailure.AtAttribute("discount_amount_cents", detail) : DomainFailure.AtAttribute("coupon_code", detail);

    public Task CommitAsync(PlacementParticipation placement, IReadOnlyList<PlacementHold> holds, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ReleaseAsync(PlacementParticipation placement, IReadOnlyList<PlacementHold> holds, CancellationToken cancellationToken) =>
        GiveBack(placement.Db, holds, cancellationToken);

    public async Task<IReadOnlyList<PlacementHold>> GiveBackAsync(PlacementParticipation placement, IReadOnlyList<PlacementHold> holds, string topic, CancellationToken cancellationToken)
    {
        if (topic != OrderEvents.Cancelled)
            return [];
        await GiveBack(placement.Db, holds, cancellationToken);
        return holds;
    }

    private static async Task GiveBack(CommerceDbContext db, IReadOnlyList<PlacementHold> holds, CancellationToken cancellationToken)
    {
        foreach (var hold in holds)
        {
            if (hold.TargetId.StartsWith(PromotionTarget, StringComparison.Ordinal))
            {
                var id = hold.TargetId[PromotionTarget.Length..];
                await db.Promotions.Where(p => p.Id == id)
                    .ExecuteUpdateAsync(set => set.SetProperty(p => p.TotalUsageCount, p => p.TotalUsageCount - 1), cancellationToken);
            }
            else if (hold.TargetId.StartsWith(CouponTarget, StringComparison.Ordinal))
            {
                var id = hold.TargetId[CouponTarget.Length..];
                await db.Coupons.Where(c => c.Id == id)
                    .ExecuteUpdateAsync(set => set.SetProperty(c => c.UsageCount, c => c.UsageCount - 1), cancellationToken);
            }
        }
    }
}
