using Commerce.ReliabilityTests.Invariants;

namespace Commerce.ReliabilityTests.Infrastructure;

/// <summary>
/// The common set-up of the in-process fixtures: a database of their own, the fake external gateway, the service
/// in this process paying through it, an integration client counted in the figures, and the invariant checker.
/// </summary>
public sealed class InProcessShop : IAsyncDisposable
{
    private InProcessShop(Provider provider, TestDatabase database, FakeGateway gateway, CommerceFactory factory, JsonApiClient api)
    {
        Provider = provider;
        Database = database;
        Gateway = gateway;
        Factory = factory;
        Api = api;
        Checker = new InvariantChecker(database);
    }

    public Provider Provider { get; }
    public TestDatabase Database { get; }
    public FakeGateway Gateway { get; }
    public CommerceFactory Factory { get; }
    public JsonApiClient Api { get; }
    public InvariantChecker Checker { get; }

    /// <summary>Starts it all (see <see cref="Shop.Settings"/> for the timeouts); for PostgreSQL without a server the fixture is ignored.</summary>
    public static async Task<InProcessShop> StartAsync(Provider provider, double gatewayTimeoutSeconds = 1.5, double? reconcileAfterSeconds = null)
    {
        var database = TestDatabase.Create(provider);
        var gateway = await FakeGateway.StartAsync();
        var factory = new CommerceFactory(Shop.Settings(database, gateway, gatewayTimeoutSeconds, reconcileAfterSeconds));
        var api = Shop.Client(factory, Figures.For(provider));
        await Shop.UseExternalGatewayAsync(api);
        return new InProcessShop(provider, database, gateway, factory, api);
    }

    /// <summary>Once the outbox is idle, the invariants hold against the database and the gateway's records; counted in the figures.</summary>
    public async Task AssertInvariantsAsync()
    {
        await Eventually.OutboxIdleAsync(Api);
        var violations = await Checker.CheckAsync(Gateway.Snapshot());
        Figures.For(Provider).Checked(violations.Count);
        Assert.That(violations, Is.Empty, string.Join("\n", violations));
    }

    public async ValueTask DisposeAsync()
    {
        Api.Http.Dispose();
        Factory.Dispose();
        await Gateway.DisposeAsync();
        await Database.DisposeAsync();
    }
}
