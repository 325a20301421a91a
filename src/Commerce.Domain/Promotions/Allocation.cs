namespace Commerce.Domain.Promotions;

/// <summary>Spreading an amount over parts in proportion to their weights, to the cent.</summary>
public static class Allocation
{
    /// <summary>
    /// Largest remainder (Hamilton): each part gets floor(amount × weight / Σweights); the cents left go one each to the parts
    /// with the largest remainders (ties: the earlier part first). The parts always add up to <paramref name="amount"/>. A
    /// negative amount is spread as its magnitude and given back negative. All weights zero: nothing is spread (all parts 0),
    /// unless the amount is zero too.
    /// </summary>
    public static long[] LargestRemainder(long amount, IReadOnlyList<long> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Any(w => w < 0))
            throw new ArgumentException("Weights are never negative.", nameof(weights));
        var parts = new long[weights.Count];
        var total = weights.Aggregate(0L, (sum, w) => checked(sum + w));
        if (amount == 0 || total == 0)
            return parts;
        var sign = Math.Sign(amount);
        var magnitude = Math.Abs(amount);
        var remainders = new (Int128 Remainder, int Index)[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var product = (Int128)magnitude * weights[i];
            parts[i] = (long)(product / total);
            remainders[i] = (product % total, i);
            given += parts[i];
        }
        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take((int)(magnitude - given)))
            parts[index]++;
        for (var i = 0; i < parts.Length; i++)
            parts[i] *= sign;
        return parts;
    }
}
