using System.Globalization;
using System.Text.Json;
using Commerce.LoadTests;
using static System.FormattableString;

// The load benchmark's driver. It starts nothing: run.sh starts the service, passes its URL and PID, and stops it.
Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException exception)
{
    await Console.Error.WriteLineAsync(exception.Message);
    await Console.Error.WriteLineAsync(Options.Usage);
    return 2;
}

var server = options.ServerPid is { } pid ? new ServerProbe(pid) : null;
using var api = new Api(options.BaseUrl, connections: 256);
var scenarios = new Scenarios(api, server, options);
var results = new List<ScenarioResult>();
void Done(ScenarioResult result)
{
    results.Add(result);
    Console.Error.WriteLine(Invariant($"  {result.Scenario}: {result.Completed} {result.Unit} in {result.Seconds:F1} s ({result.PerSecond:F1}/s)"));
}

Console.Error.WriteLine($"load benchmark against {options.BaseUrl} ({options.Provider}), server pid {options.ServerPid?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}");
await scenarios.PrepareAsync();
StorageBaseline? storage = options.ConnectionString is { } cs ? await StorageBaseline.OpenAsync(options.Provider, cs, DemoCatalog.Skus) : null;

// Warm-up (not reported): JIT, pools, SQLite page cache. Time-bounded rather than counted: .NET compiles hot methods again
// (tiered compilation, dynamic PGO) during the first tens of seconds of traffic, and a service CPU-bound at 2.5 ms per read
// at start needs about 1 ms once that is done, so a short warm-up measured the JIT rather than the service.
var warmUp = System.Diagnostics.Stopwatch.StartNew();
do
{
    await scenarios.CheckoutAsync("warm-up", Math.Min(40, options.Checkouts));
    await scenarios.ReadOrderAsync("warm-up", 400);
    await scenarios.ListOrdersAsync("warm-up", 40);
    await scenarios.HealthAsync("warm-up", 500, options.Readers);
    if (storage is not null)
        await scenarios.StorageAsync("warm-up", storage, 40);
}
while (warmUp.Elapsed < options.WarmUp);
Console.Error.WriteLine(Invariant($"  warm-up: {warmUp.Elapsed.TotalSeconds:F0} s (--warm-up-seconds {options.WarmUp.TotalSeconds:F0})"));

if (options.Runs("health"))
    Done(await scenarios.HealthAsync("baseline (b): GET /health/live", options.HealthRequests, options.Readers));
if (options.Runs("checkout") || options.Runs("read"))
    Done(await scenarios.CheckoutAsync("checkout", options.Checkouts));
if (storage is not null && options.Runs("storage"))
    Done(await scenarios.StorageAsync("baseline (a): checkout writes with ADO.NET", storage, options.Checkouts));
if (options.Runs("read"))
    Done(await scenarios.ReadOrderAsync("read order with includes", options.Reads));
if (options.Runs("list"))
    Done(await scenarios.ListOrdersAsync("list orders (filtered, sorted, paged)", options.Reads / 4));
if (options.Runs("recommend"))
    Done(await scenarios.RecommendationsAsync("order-page recommendations", options.Reads / 4));
if (options.Runs("contention"))
    Done(await scenarios.ContentionAsync("contention: same orders placed at once", options.ContentionRounds));
if (options.Runs("promo"))
{
    // Alternating rounds on the same service in the same run: on a loaded machine a ratio is all that means something.
    await scenarios.PreparePromotionsAsync(options.Checkouts * options.PromoRounds + options.Shoppers);
    var plain = new List<ScenarioResult>();
    var promo = new List<ScenarioResult>();
    for (var round = 1; round <= options.PromoRounds; round++)
    {
        var p = await scenarios.CheckoutAsync(Invariant($"checkout, round {round}"), options.Checkouts);
        Done(p);
        plain.Add(p);
        var c = await scenarios.CheckoutAsync(Invariant($"checkout with a coupon and a gift card, round {round}"), options.Checkouts, promotions: true);
        Done(c);
        promo.Add(c);
    }
    double Rate(List<ScenarioResult> r) => r.Sum(x => x.Completed) / Math.Max(r.Sum(x => x.Seconds), 1e-9);
    Console.Error.WriteLine(Invariant($"  promo: coupon + gift card checkout / plain checkout throughput = {Rate(promo) / Rate(plain):F3} ({Rate(promo):F1}/s vs {Rate(plain):F1}/s, {options.PromoRounds} alternating rounds)"));
}

var afterEmpty = server?.Sample();
// The peer runs right after our scenarios, on the same machine, while our service idles: a ratio from one run.
PeerResult? peer = null;
if (options.PeerVendure is { } peerDirectory)
{
    Console.Error.WriteLine("  peer: running Vendure's own checkout benchmark (../shared/peers/vendure/run-all.sh)…");
    peer = await VendurePeer.RunAsync(peerDirectory, TimeSpan.FromMinutes(8));
    Console.Error.WriteLine(Invariant($"  peer: {peer.Ok} checkouts in {peer.Seconds:F1} s ({peer.CheckoutsPerSecond:F1}/s), {peer.Failed} failed"));
}
if (options.SeedOrders > 0 && storage is not null)
{
    Console.Error.WriteLine(Invariant($"  seeding {options.SeedOrders} placed orders with ADO.NET (the baseline's rows, 500 per transaction)…"));
    var seeded = System.Diagnostics.Stopwatch.StartNew();
    await storage.SeedAsync(options.SeedOrders, 500, done =>
    {
        if (done % 20_000 == 0)
            Console.Error.WriteLine(Invariant($"    {done} ({seeded.Elapsed.TotalSeconds:F0} s)"));
    });
    Done(await scenarios.HealthAsync("baseline (b) after seeding", options.HealthRequests, options.Readers));
    Done(await scenarios.CheckoutAsync("checkout after seeding", options.Checkouts));
    Done(await scenarios.StorageAsync("baseline (a) after seeding", storage, options.Checkouts));
    Done(await scenarios.ReadOrderAsync("read order after seeding", options.Reads));
    Done(await scenarios.ListOrdersAsync("list orders after seeding", options.Reads / 4));
    await storage.RecountRecommendationsAsync();
    Done(await scenarios.RecommendationsAsync("recommendations after seeding", options.Reads / 4));
}
var final = server?.Sample();

var report = Report.Build(options, results, peer, afterEmpty, final, scenarios.Placed.Count);
Console.WriteLine(report.Markdown);
if (options.JsonPath is { } path)
{
    await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report.Json, new JsonSerializerOptions { WriteIndented = true }));
    Console.Error.WriteLine($"results written to {path}");
}
return 0;
