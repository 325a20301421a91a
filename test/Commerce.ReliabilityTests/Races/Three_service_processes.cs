using System.Net;
using Commerce.ReliabilityTests.Infrastructure;
using Commerce.ReliabilityTests.Invariants;

namespace Commerce.ReliabilityTests.Races;

/// <summary>Three instances of the built service on one PostgreSQL database, each told to place every order.</summary>
[NonParallelizable]
public sealed class Three_service_processes
{
    [Test]
    public async Task Three_processes_placing_the_same_orders_place_each_once_and_charge_once()
    {
        const Provider provider = Provider.PostgreSql;
        await using var database = TestDatabase.Create(provider);
        await using var gateway = await FakeGateway.StartAsync();
        var random = new SeededRandom("Three_service_processes (gateway latency)");
        gateway.Latency = () => TimeSpan.FromMilliseconds(random.Next(0, 150));
        var settings = Shop.ProcessSettings(Shop.Settings(database, gateway, gatewayTimeoutSeconds: 10));
        var counters = Figures.For(provider);
        var services = new List<ServiceProcess>();
        var apis = new List<JsonApiClient>();
        try
        {
            // The first migrates and seeds; the other two then start together and share its database and key files.
            services.Add(ServiceProcess.Start(settings, database.Directory));
            await services[0].WaitUntilLiveAsync(TimeSpan.FromSeconds(120));
            services.Add(ServiceProcess.Start(settings, database.Directory));
            services.Add(ServiceProcess.Start(settings, database.Directory));
            await Task.WhenAll(services.Skip(1).Select(s => s.WaitUntilLiveAsync(TimeSpan.FromSeconds(120))));
            foreach (var service in services)
                apis.Add(await Shop.ClientAsync(service, counters));
            await Shop.UseExternalGatewayAsync(apis[0]);
            var checker = new InvariantChecker(database);
            var initialStock = await checker.StockAsync();
            var orders = (await Task.WhenAll(Enumerable.Range(0, 15).Select(i =>
                new CheckoutBuilder(apis[i % 3]).WithItem(DemoSkus.Mug, 1 + (i % 3)).BuildAsync()))).Select(o => o.Id).ToList();

            // Every process is asked to place every order, at the same time.
            var attempts = orders.SelectMany(id => apis.Select(api => (Id: id, Api: api))).ToList();
            var responses = await Task.WhenAll(attempts.Select(a => Task.Run(async () => (a.Id, Response: await a.Api.PlaceAsync(a.Id)))));
            await Eventually.OutboxIdleAsync(apis[0]);
            var violations = await checker.CheckAsync(gateway.Snapshot(), initialStock);
            counters.Checked(violations.Count);

            foreach (var group in responses.GroupBy(r => r.Id))
            {
                var all = string.Join("\n", group.Select(r => r.Response.ToString()));
                Assert.That(group.Count(r => r.Response.Status == HttpStatusCode.OK), Is.EqualTo(1), all);
                Assert.That(group.Where(r => r.Response.Status != HttpStatusCode.OK).Select(r => r.Response.Status),
                    Is.Not.Empty.And.All.AnyOf(HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity), all);
                Assert.That(gateway.AuthorizeCallsFor(group.Key), Is.EqualTo(1), "the gateway was asked once for " + group.Key);
            }
            Assert.That(violations, Is.Empty, string.Join("\n", violations));
            Assert.That(gateway.Snapshot().Count(g => g.Holds), Is.EqualTo(orders.Count), "one authorization held per placed order");
        }
        finally
        {
            counters.Fault(gateway.FaultsInjected);
            foreach (var api in apis)
                api.Http.Dispose();
            foreach (var service in services)
                await service.DisposeAsync();
        }
    }
}
