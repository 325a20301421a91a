using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Commerce.ReliabilityTests.Infrastructure;

/// <summary>
/// What the suite did, per provider: requests tried, faults injected, restarts survived, invariant violations.
/// <see cref="ReliabilitySuite"/> prints them at the end of the run and writes them to <see cref="FilePath"/>.
/// </summary>
public static class Figures
{
    public sealed class Counters
    {
        private long _requests, _faults, _restarts, _violations, _checks;

        public long Requests => Interlocked.Read(ref _requests);
        public long Faults => Interlocked.Read(ref _faults);
        public long Restarts => Interlocked.Read(ref _restarts);
        public long Violations => Interlocked.Read(ref _violations);
        public long Checks => Interlocked.Read(ref _checks);

        public void Request(long n = 1) => Interlocked.Add(ref _requests, n);
        public void Fault(long n = 1) => Interlocked.Add(ref _faults, n);
        public void Restart() => Interlocked.Increment(ref _restarts);

        /// <summary>One run of the invariant checker over a real run (not the checker's own tests, which break rows on purpose).</summary>
        public void Checked(int violations)
        {
            Interlocked.Increment(ref _checks);
            Interlocked.Add(ref _violations, violations);
        }
    }

    private static readonly ConcurrentDictionary<Provider, Counters> All = new();
    private static readonly ConcurrentQueue<string> SeedLines = new();

    /// <summary>Remembers a seed for the summary, so that a failing run can be replayed from the CI log.</summary>
    public static void Seed(string purpose, int seed) => SeedLines.Enqueue($"{purpose}: {seed}");

    public static Counters For(Provider provider) => All.GetOrAdd(provider, _ => new Counters());

    /// <summary>The summary file: beside the test assembly, where <c>.ci/run</c> prints it from.</summary>
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "reliability-figures.txt");

    public static string Summary()
    {
        var text = new StringBuilder();
        foreach (var provider in Enum.GetValues<Provider>())
        {
            if (!All.TryGetValue(provider, out var c))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"reliability [{provider}]: not run");
                continue;
            }
            text.AppendLine(CultureInfo.InvariantCulture,
                $"reliability [{provider}]: requests tried {c.Requests}, faults injected {c.Faults}, restarts survived {c.Restarts}, invariant checks {c.Checks}, invariant violations {c.Violations}");
        }
        if (!SeedLines.IsEmpty)
            text.AppendLine(CultureInfo.InvariantCulture, $"reliability seeds (replay with COMMERCE_RELIABILITY_SEED): {string.Join("; ", SeedLines)}");
        return text.ToString();
    }
}

/// <summary>Counts every request a test client sends (for the figures).</summary>
public sealed class CountingHandler(Figures.Counters counters) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counters.Request();
        return base.SendAsync(request, cancellationToken);
    }
}
