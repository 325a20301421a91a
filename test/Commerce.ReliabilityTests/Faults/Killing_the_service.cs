using System.Net;
using Commerce.ReliabilityTests.Infrastructure;
using Commerce.ReliabilityTests.Invariants;

namespace Commerce.ReliabilityTests.Faults;

/// <summary>
/// The built service placing a stream of orders from several clients is killed with SIGKILL in the middle of the stream
/// (after a random number of its placements were answered, so others are in flight), and restarted on the same database. Clients take a dropped connection as "outcome unknown" and retry with the same
/// Idempotency-Key, as a real client would. After each restart, once the reconciler and the outbox have settled, the
/// invariants hold, the gateway holds one authorization per placed order, and every order a client was told is
/// placed is placed. The gateway meanwhile answers with random delays, declines, failures and late answers.
/// </summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.PostgreSql)]
[NonParallelizable]
public sealed class Killing_the_service(Provider provider)
{
    private const double GatewayTimeoutSeconds = 2;

    /// <summary>
    /// How much of it: CI's scale by default; <c>COMMERCE_RELIABILITY_SOAK=1</c> is the soak (50 kills and restarts,
    /// 10,000 placements, ~1,700 gateway faults at the rates below), bounded by <c>COMMERCE_RELIABILITY_SOAK_MINUTES</c>
    /// (default 60) per provider: no round starts after it, and the figures say how far it got.
    /// </summary>
    private sealed record Scale(int Rounds, int OrdersPerRound, int Clients, TimeSpan Bound)
    {
        public static Scale FromEnvironment()
        {
            if (Environment.GetEnvironmentVariable("COMMERCE_RELIABILITY_SOAK") is not ("1" or "true"))
                return new Scale(3, 8, 4, TimeSpan.FromMinutes(10));
            var minutes = double.TryParse(Environment.GetEnvironmentVariable("COMMERCE_RELIABILITY_SOAK_MINUTES"),
                System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : 60;
            return new Scale(50, 200, 8, TimeSpan.FromMinutes(minutes));
        }
    }

    private sealed class Placement(string orderId)
    {
        public string OrderId { get; } = orderId;
        public string Key { get; set; } = "place-" + orderId;
        /// <summary>The last answer, or null when the connection dropped (outcome unknown).</summary>
        public HttpStatusCode? Answer { get; set; }
        /// <summary>The kill cut this placement's request off at least once.</summary>
        public bool CutOff { get; set; }
    }

    [Test]
    public async Task Killing_the_service_at_random_points_loses_no_order_and_duplicates_none()
    {
        var scale = Scale.FromEnvironment();
        var bound = DateTime.UtcNow + scale.Bound;
        await using var database = TestDatabase.Create(provider);
        await using var gateway = await FakeGateway.StartAsync();
        var random = new SeededRandom($"Killing_the_service [{provider}]");
        var counters = Figures.For(provider);
        gateway.Latency = () => TimeSpan.FromMilliseconds(random.Next(0, 400));
        gateway.LateBy = TimeSpan.FromSeconds(GatewayTimeoutSeconds + 1);
        gateway.Decide = (_, _) => random.NextDouble() switch
        {
            < 0.08 => GatewayBehaviour.Decline,
            < 0.13 => GatewayBehaviour.Error,
            < 0.17 => GatewayBehaviour.Late,
            _ => GatewayBehaviour.Approve,
        };
        var settings = Shop.ProcessSettings(Shop.Settings(database, gateway, GatewayTimeoutSeconds, reconcileAfterSeconds: 4.5));
        var checker = new InvariantChecker(database);
        var placements = new List<Placement>();
        var service = ServiceProcess.Start(settings, database.Directory);
        JsonApiClient? api = null;
        try
        {
            await service.WaitUntilLiveAsync(TimeSpan.FromSeconds(120));
            api = await Shop.ClientAsync(service, counters);
            await Shop.UseExternalGatewayAsync(api);
            // Stock for every placement of the scale (the demo catalog's runs out within a soak round): what is tested
            // is the placement, not running out.
            var skus = new[]
            {
                (await TestCatalog.CreateSkuAsync(api, new Dictionary<string, long> { ["EUR"] = 1450 }, stock: 3 * scale.Rounds * scale.OrdersPerRound)).Code,
                (await TestCatalog.CreateSkuAsync(api, new Dictionary<string, long> { ["EUR"] = 2900 }, stock: 3 * scale.Rounds * scale.OrdersPerRound)).Code,
            };
            var initialStock = await checker.StockAsync();

            var rounds = 0;
            var cutOffByKills = 0;
            for (var round = 1; round <= scale.Rounds && DateTime.UtcNow < bound; round++)
            {
                var orders = await InParallelAsync(scale.Clients, Enumerable.Range(0, scale.OrdersPerRound).ToList(), i =>
                    new CheckoutBuilder(api).WithItem(skus[i % 2], 1 + (i % 3)).BuildAsync());
                var stream = orders.Select(o => new Placement(o.Id)).ToList();
                placements.AddRange(stream);

                // The kill lands after a random number of the stream's placements were answered: mid-stream, with the
                // clients' next placements in flight, wherever each is (compare-and-set, gateway, save).
                var killAfter = random.Next(1, scale.OrdersPerRound - scale.Clients + 1);
                var answered = 0;
                var killPoint = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var placing = Task.WhenAll(Enumerable.Range(0, scale.Clients).Select(c => Task.Run(async () =>
                {
                    foreach (var placement in stream.Where((_, i) => i % scale.Clients == c))
                    {
                        await TryPlaceAsync(api, placement);
                        if (Interlocked.Increment(ref answered) >= killAfter)
                            killPoint.TrySetResult();
                    }
                })));
                await Task.WhenAny(killPoint.Task, placing);
                await service.DisposeAsync(); // SIGKILL: no shutdown, no flush, requests cut off wherever they are
                counters.Fault();
                await placing;
                var cutOff = stream.Count(p => p.CutOff);
                cutOffByKills += cutOff;
                rounds++;

                service = ServiceProcess.Start(settings, database.Directory);
                await service.WaitUntilLiveAsync(TimeSpan.FromSeconds(120));
                api.Http.Dispose();
                api = await Shop.ClientAsync(service, counters);
                await SettleAsync(checker);
                await InParallelAsync(scale.Clients, [.. placements.Where(p => p.Answer is null or HttpStatusCode.Conflict)], async unknown =>
                {
                    await ResolveAsync(api, unknown);
                    return unknown;
                });
                await SettleAsync(checker);

                var violations = await checker.CheckAsync(gateway.Snapshot(), initialStock);
                counters.Checked(violations.Count);
                Assert.That(violations, Is.Empty, $"after restart {round} (seed {random.Seed}):\n" + string.Join("\n", violations));
                counters.Restart();
            }

            foreach (var placement in placements.Where(p => p.Answer == HttpStatusCode.OK))
                Assert.That((await api.OrderAsync(placement.OrderId)).Text("status"), Is.EqualTo("placed"), $"{placement.OrderId} was answered 200 (seed {random.Seed})");
            Assert.That(placements.Count(p => p.Answer == HttpStatusCode.OK), Is.Positive, "some orders were placed");
            Assert.That(cutOffByKills, Is.Positive, "the kills cut placements off in flight (seed " + random.Seed + ")");
            TestContext.Progress.WriteLine($"Killing_the_service [{provider}]: {rounds} of {scale.Rounds} kills and restarts in {scale.Bound.TotalMinutes:0} min at most, "
                + $"{placements.Count} placements of {scale.Rounds * scale.OrdersPerRound}, {cutOffByKills} cut off by a kill, {gateway.FaultsInjected} gateway faults, "
                + string.Join(", ", placements.GroupBy(p => p.Answer).Select(g => $"{g.Count()} answered {(int?)g.Key}")));
        }
        finally
        {
            counters.Fault(gateway.FaultsInjected);
            api?.Http.Dispose();
            await service.DisposeAsync();
        }
    }

    /// <summary>The results of <paramref name="work"/> over <paramref name="items"/>, at most <paramref name="clients"/> at a time, in order.</summary>
    private static async Task<TResult[]> InParallelAsync<TItem, TResult>(int clients, IReadOnlyList<TItem> items, Func<TItem, Task<TResult>> work)
    {
        var results = new TResult[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = clients },
            async (i, _) => results[i] = await work(items[i]));
        return results;
    }

    private static async Task TryPlaceAsync(JsonApiClient api, Placement placement)
    {
        try
        {
            var response = await api.SendAsync(HttpMethod.Patch, $"orders/{placement.OrderId}",
                JsonApiClient.Document("orders", new Dictionary<string, object> { ["_place"] = true }, id: placement.OrderId),
                headers: new Dictionary<string, string> { ["Idempotency-Key"] = placement.Key });
            placement.Answer = response.Status;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            placement.Answer = null; // the connection dropped: the outcome is unknown
            placement.CutOff = true;
        }
    }

    /// <summary>
    /// A client's retry after an unknown outcome: the same request with the same key. A key whose first request died
    /// with the process is held for a while (409 "still being processed"): then the order itself tells the outcome,
    /// and a placement that was undone is tried again with a new key.
    /// </summary>
    private static async Task ResolveAsync(JsonApiClient api, Placement placement)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            await TryPlaceAsync(api, placement);
            if (placement.Answer is not (null or HttpStatusCode.Conflict))
                return;
            var status = (await api.OrderAsync(placement.OrderId)).Text("status");
            if (status == "placed")
            {
                placement.Answer = HttpStatusCode.OK;
                return;
            }
            if (status == "pending")
                placement.Key = $"place-{placement.OrderId}-{Guid.NewGuid():N}";
            await Task.Delay(200);
        }
        Assert.Fail($"the placement of {placement.OrderId} did not resolve within 60 s");
    }

    /// <summary>Until no order is placing and no outbox event is pending (the reconciler and the dispatcher are done).</summary>
    private static async Task SettleAsync(InvariantChecker checker)
    {
        var settled = await Eventually.TrueAsync(async () => await checker.UnsettledAsync() == 0, TimeSpan.FromSeconds(90));
        Assert.That(settled, Is.True, "the service did not settle within 90 s");
    }
}
