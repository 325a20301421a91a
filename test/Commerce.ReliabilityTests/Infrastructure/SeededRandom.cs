using System.Globalization;

namespace Commerce.ReliabilityTests.Infrastructure;

/// <summary>
/// A <see cref="Random"/> shared by threads, from a seed that is printed: <c>COMMERCE_RELIABILITY_SEED</c> replays a run.
/// </summary>
public sealed class SeededRandom
{
    public const string Variable = "COMMERCE_RELIABILITY_SEED";
    private readonly Random _random;
    private readonly Lock _lock = new();

    public SeededRandom(string purpose)
    {
        Seed = int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Random.Shared.Next();
        _random = new Random(Seed);
        Figures.Seed(purpose, Seed);
        TestContext.Progress.WriteLine($"{purpose}: seed {Seed} (replay with {Variable}={Seed})");
    }

    public int Seed { get; }

    public int Next(int minValue, int maxValue)
    {
        lock (_lock)
            return _random.Next(minValue, maxValue);
    }

    public double NextDouble()
    {
        lock (_lock)
            return _random.NextDouble();
    }
}
