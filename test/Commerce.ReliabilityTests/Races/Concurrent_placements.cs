using System.Net;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.IntegrationTests.Orders;
using Commerce.ReliabilityTests.Infrastructure;
using Commerce.ReliabilityTests.Invariants;

namespace Commerce.ReliabilityTests.Races;

/// <summary>Many requests at once against one service: one order placed by fifty, many orders for the last units.</summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.PostgreSql)]
[NonParallelizable]
public sealed class Concurrent_placements(Provider provider)
{
    private TestDatabase _database = null!;
    private FakeGateway _gateway = null!;
    private CommerceFactory _factory = null!;
    private JsonApiClient _api = null!;
    private InvariantChecker _checker = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _database = TestDatabase.Create(provider);
        _gateway = await FakeGateway.StartAsync();
        // Every authorization takes a little while, so that the fifty requests really overlap.
        _gateway.Latency = () => TimeSpan.FromMilliseconds(100);
        _factory = new CommerceFactory(Shop.Settings(_database, _gateway, gatewayTimeoutSeconds: 10));
        _api = Shop.Client(_factory, Figures.For(provider));
        await Shop.UseExternalGatewayAsync(_api);
        _checker = new InvariantChecker(_database);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _api?.Http.Dispose();
        _factory?.Dispose();
        if (_gateway is not null)
            await _gateway.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }

    private async Task AssertInvariantsAsync()
    {
        await Eventually.OutboxIdleAsync(_api);
        var violations = await _checker.CheckAsync(_gateway.Snapshot());
        Figures.For(provider).Checked(violations.Count);
        Assert.That(violations, Is.Empty, string.Join("\n", violations));
    }

    [Test]
    public async Task Fifty_concurrent_places_of_one_order_place_it_once_and_charge_once()
    {
        var order = await new CheckoutBuilder(_api).BuildAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => _api.PlaceAsync(order.Id))));

        var all = string.Join("\n", responses.Select(r => r.ToString()));
        Assert.That(responses.Count(r => r.Status == HttpStatusCode.OK), Is.EqualTo(1), all);
        Assert.That(responses.Where(r => r.Status != HttpStatusCode.OK).Select(r => r.Status),
            Is.All.AnyOf(HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity), all);
        Assert.That(_gateway.AuthorizeCallsFor(order.Id), Is.EqualTo(1), "the gateway was asked to authorize once");
        Assert.That(await _api.RelatedAsync(order.Id, "authorizations"), Has.Count.EqualTo(1));
        await AssertInvariantsAsync();
    }

    [Test]
    public async Task Fifty_concurrent_places_with_one_idempotency_key_place_it_once_and_replay_the_answer()
    {
        var order = await new CheckoutBuilder(_api).BuildAsync();
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "place-" + order.Id };
        var document = JsonApiClient.Document("orders", new Dictionary<string, object> { ["_place"] = true }, id: order.Id);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() =>
            _api.SendAsync(HttpMethod.Patch, $"orders/{order.Id}", document, headers: headers))));
        var again = await _api.SendAsync(HttpMethod.Patch, $"orders/{order.Id}", document, headers: headers);

        var all = string.Join("\n", responses.Select(r => r.ToString()));
        Assert.That(responses.Where(r => r.Status != HttpStatusCode.OK).Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.Conflict), all);
        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.OK), again.ToString());
        Assert.That(again.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Contains("true"), Is.True, "the stored answer is replayed");
        Assert.That(_gateway.AuthorizeCallsFor(order.Id), Is.EqualTo(1));
        await AssertInvariantsAsync();
    }

    [Test]
    public async Task Twelve_orders_racing_for_five_units_place_five_and_never_oversell()
    {
        var sku = await TestCatalog.CreateSkuAsync(_api, new Dictionary<string, long> { ["EUR"] = 1000 }, stock: 5);
        var orders = new List<string>();
        for (var i = 0; i < 12; i++)
            orders.Add((await new CheckoutBuilder(_api).WithItem(sku.Code, 1).BuildAsync()).Id);

        var responses = await Task.WhenAll(orders.Select(id => Task.Run(() => _api.PlaceAsync(id))));

        var all = string.Join("\n", responses.Select(r => r.ToString()));
        Assert.That(responses.Count(r => r.Status == HttpStatusCode.OK), Is.EqualTo(5), all);
        Assert.That(responses.Where(r => r.Status != HttpStatusCode.OK).Select(r => r.Error.Text("code")), Is.All.EqualTo("OUT_OF_STOCK"), all);
        var stock = await _api.GetAsync($"stock_items?filter[q][sku_code_eq]={sku.Code}");
        await AssertInvariantsAsync();
        Assert.That((await _checker.StockAsync())[sku.Code], Is.Zero, stock.ToString());
    }
}
