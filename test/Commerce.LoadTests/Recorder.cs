using System.Collections.Concurrent;
using System.Diagnostics;

namespace Commerce.LoadTests;

/// <summary>
/// Latencies of one step, kept exactly (one double per request, capped at <see cref="Capacity"/>), so that
/// percentiles are exact rather than bucketed; errors counted by HTTP status (0: no answer).
/// </summary>
public sealed class StepRecorder(string name, int capacity)
{
    private readonly Lock _lock = new();
    private readonly double[] _samples = new double[capacity];
    private int _count;
    private long _total;
    private readonly Dictionary<int, int> _errors = [];
    private readonly Dictionary<int, int> _statuses = [];

    public string Name { get; } = name;
    public int Capacity { get; } = capacity;

    public void Record(double milliseconds, int status, bool ok)
    {
        lock (_lock)
        {
            _total++;
            if (_count < _samples.Length)
                _samples[_count++] = milliseconds;
            if (!ok)
                _errors[status] = _errors.GetValueOrDefault(status) + 1;
            if (status is < 200 or >= 300)
                _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
        }
    }

    public StepResult Result(double wallSeconds)
    {
        lock (_lock)
        {
            var sorted = _samples[.._count];
            Array.Sort(sorted);
            return new StepResult(Name, _total, _errors.Values.Sum(), wallSeconds > 0 ? _total / wallSeconds : 0,
                Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted.Length > 0 ? sorted[^1] : 0,
                _statuses.OrderBy(e => e.Key).ToDictionary(e => e.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), e => e.Value));
        }
    }

    /// <summary>Nearest-rank percentile of sorted samples.</summary>
    private static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
            return 0;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>The steps of one scenario, its wall time and the server's resources over it.</summary>
public sealed class ScenarioRecorder(string name, int concurrency, int capacityPerStep, ServerProbe? server)
{
    private readonly ConcurrentDictionary<string, StepRecorder> _steps = new();
    private readonly List<string> _order = [];
    private readonly Stopwatch _wall = new();
    private ServerSample? _before;
    private long _completed;

    public string Name { get; } = name;

    public StepRecorder Step(string step) => _steps.GetOrAdd(step, s =>
    {
        lock (_order)
            _order.Add(s);
        return new StepRecorder(s, capacityPerStep);
    });

    /// <summary>One unit of the scenario's work completed (a checkout, a read, a contended round).</summary>
    public void Completed() => Interlocked.Increment(ref _completed);

    public void Start()
    {
        _before = server?.Sample();
        _wall.Start();
    }

    public ScenarioResult Stop(string unit)
    {
        _wall.Stop();
        var after = server?.Sample();
        var seconds = _wall.Elapsed.TotalSeconds;
        List<string> order;
        lock (_order)
            order = [.. _order];
        return new ScenarioResult(Name, unit, concurrency, seconds, _completed, seconds > 0 ? _completed / seconds : 0,
            [.. order.Select(s => _steps[s].Result(seconds))],
            after is null ? null : new ServerUse(after.RssMb, after.PeakRssMb, after.CpuSeconds - (_before?.CpuSeconds ?? 0),
                seconds > 0 ? (after.CpuSeconds - (_before?.CpuSeconds ?? 0)) / seconds : 0));
    }
}

public sealed record StepResult(string Step, long Requests, long Errors, double PerSecond, double P50Ms, double P95Ms, double P99Ms, double MaxMs,
    Dictionary<string, int> NonSuccessByStatus);

public sealed record ServerUse(double RssMb, double PeakRssMb, double CpuSeconds, double CpuCoresUsed);

public sealed record ScenarioResult(string Scenario, string Unit, int Concurrency, double Seconds, long Completed, double PerSecond,
    IReadOnlyList<StepResult> Steps, ServerUse? Server)
{
    public StepResult? Find(string step) => Steps.FirstOrDefault(s => s.Step == step);
}
