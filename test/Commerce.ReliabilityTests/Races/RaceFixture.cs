using Commerce.ReliabilityTests.Infrastructure;

namespace Commerce.ReliabilityTests.Races;

/// <summary>
/// One service in process for a fixture of races, its gateway answering every call after 100 ms so that requests sent
/// at once really overlap the one that gets there first.
/// </summary>
public abstract class RaceFixture(Provider provider)
{
    protected InProcessShop Shop { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartShop()
    {
        Shop = await InProcessShop.StartAsync(provider, gatewayTimeoutSeconds: 10);
        Shop.Gateway.Latency = () => TimeSpan.FromMilliseconds(100);
    }

    [OneTimeTearDown]
    public async Task StopShop()
    {
        if (Shop is not null)
            await Shop.DisposeAsync();
    }
}
