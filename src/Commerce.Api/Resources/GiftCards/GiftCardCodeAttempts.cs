using System.Globalization;
using System.Threading.RateLimiting;

namespace Commerce.Api.Resources.GiftCards;

/// <summary>
/// Failed <c>gift_card_code</c> attempts, counted per signed-in customer or else per client address: after
/// <see cref="Limit"/> failures within <see cref="Window"/>, every further attempt is 429 with <c>Retry-After</c> until the
/// window slides past them. Successful attempts cost nothing. Codes are 120 random bits, so this is a second wall, against
/// a shop that gives out short codes of its own. Counted in memory, per instance (several instances multiply the limit).
/// </summary>
public sealed class GiftCardCodeAttempts : IDisposable
{
    public const int Limit = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = Limit,
            Window = Window,
            SegmentsPerWindow = 15,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Whether <paramref name="key"/> has failures left to spend.</summary>
    public bool Allowed(string key) => _failures.GetStatistics(key) is not { CurrentAvailablePermits: <= 0 };

    /// <summary>Counts one failure of <paramref name="key"/>.</summary>
    public void Failed(string key)
    {
        using var lease = _failures.AttemptAcquire(key);
    }

    /// <summary>Retry-After, in seconds: one segment of the window.</summary>
    public static string RetryAfterSeconds => ((int)Math.Ceiling(Window.TotalSeconds / 15)).ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _failures.Dispose();
}
