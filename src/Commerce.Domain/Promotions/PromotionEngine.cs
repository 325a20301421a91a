namespace Commerce.Domain.Promotions;

/// <summary>One SKU line as pricing sees it: its key (the line item id) and its amount before discounts.</summary>
public sealed record PricingLine(string Key, long AmountCents);

/// <summary>What the promotions are applied to.</summary>
public sealed record PricingInput(
    string CurrencyCode,
    IReadOnlyList<PricingLine> Lines,
    long ShippingCents,
    long PaymentMethodCents,
    string? CouponCode)
{
    public long SubtotalCents => Lines.Aggregate(0L, (sum, l) => checked(sum + l.AmountCents));
}

/// <summary>
/// A promotion that fired: its (non-positive) amount, the coupon that triggered it, and the amount spread over the SKU lines
/// (by line key, summing to <see cref="AmountCents"/>; empty for free shipping, which takes the shipping off).
/// </summary>
public sealed record AppliedDiscount(Promotion Promotion, Coupon? Coupon, long AmountCents, IReadOnlyDictionary<string, long> Allocation)
{
    public bool FreeShipping => Promotion is FreeShippingPromotion;
}

/// <summary>
/// Which promotions apply to an order and what each takes off. Order of application: exclusive promotions first, then by
/// <see cref="Promotion.Priority"/> (lower first, none last), then by <see cref="PromotionTypes.ApplicationOrder"/>, then by
/// creation. When an exclusive promotion applies, it is the only one. A percentage applies to what the discounts before it
/// left of the SKU lines; a fixed amount never takes more than that; free shipping takes off the shipping (nothing before a
/// shipping method is chosen). Each discount is spread over the SKU lines by largest remainder in proportion to what each
/// line has left, so the lines' parts add up to the discount, to the cent.
/// </summary>
public static class PromotionEngine
{
    public static IReadOnlyList<AppliedDiscount> Apply(IEnumerable<Promotion> candidates, PricingInput input, DateTimeOffset now)
    {
        var firing = new List<(Promotion Promotion, Coupon? Coupon)>();
        foreach (var promotion in Ordered(candidates))
        {
            if (!string.Equals(promotion.CurrencyCode, input.CurrencyCode, StringComparison.OrdinalIgnoreCase) || !promotion.IsActiveAt(now))
                continue;
            if (!promotion.RulesHold(input, now, out var coupon))
                continue;
            if (promotion.Exclusive)
            {
                firing = [(promotion, coupon)];
                break;
            }
            firing.Add((promotion, coupon));
        }

        var left = input.Lines.ToDictionary(l => l.Key, l => l.AmountCents);
        var keys = input.Lines.Select(l => l.Key).ToList();
        var shippingLeft = input.ShippingCents;
        var applied = new List<AppliedDiscount>();
        foreach (var (promotion, coupon) in firing)
        {
            var remaining = left.Values.Sum();
            var amount = promotion.DiscountOf(remaining, shippingLeft);
            if (amount == 0)
                continue;
            IReadOnlyDictionary<string, long> allocation;
            if (promotion is FreeShippingPromotion)
            {
                shippingLeft = 0;
                allocation = new Dictionary<string, long>();
            }
            else
            {
                var parts = Allocation.LargestRemainder(amount, [.. keys.Select(k => left[k])]);
                var spread = new Dictionary<string, long>();
                for (var i = 0; i < keys.Count; i++)
                {
                    if (parts[i] == 0)
                        continue;
                    spread[keys[i]] = parts[i];
                    left[keys[i]] += parts[i];
                }
                allocation = spread;
            }
            applied.Add(new AppliedDiscount(promotion, coupon, amount, allocation));
        }
        return applied;
    }

    private static IEnumerable<Promotion> Ordered(IEnumerable<Promotion> candidates) => candidates
        .OrderByDescending(p => p.Exclusive)
        .ThenBy(p => p.Priority ?? int.MaxValue)
        .ThenBy(p => Array.IndexOf(PromotionTypes.ApplicationOrder, p.Type))
        .ThenBy(p => p.CreatedAt)
        .ThenBy(p => p.Id, StringComparer.Ordinal);
}
