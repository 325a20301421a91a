using System.Text;
using static System.FormattableString;

namespace Commerce.LoadTests;

/// <summary>The markdown table (stdout) and the JSON document of one run, with the ratios to the baselines and targets.</summary>
public sealed record Report(string Markdown, object Json)
{
    public static Report Build(Options options, IReadOnlyList<ScenarioResult> results, PeerResult? peer, ServerSample? afterEmpty, ServerSample? final, int placedOrders)
    {
        ScenarioResult? Find(string prefix) => results.FirstOrDefault(r => r.Scenario.StartsWith(prefix, StringComparison.Ordinal));
        var health = Find("baseline (b): ");
        var checkout = Find("checkout");
        var storage = Find("baseline (a): ");
        var read = Find("read order with includes");
        var list = Find("list orders (");
        var contention = Find("contention");
        var checkoutSeeded = Find("checkout after seeding");
        var storageSeeded = Find("baseline (a) after seeding");
        var readSeeded = Find("read order after seeding");

        var md = new StringBuilder();
        md.AppendLine(Invariant($"### Load benchmark: {options.Provider}, {options.Shoppers} shoppers, {options.Readers} readers{(options.Label.Length > 0 ? ", " + options.Label : "")}"));
        md.AppendLine();
        md.AppendLine("| scenario | step | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | non-2xx by status | server CPU s | server RSS MB (peak) |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |");
        foreach (var r in results)
        {
            md.AppendLine(Invariant($"| **{r.Scenario}** | *{r.Completed} {r.Unit} in {r.Seconds:F1} s* | | **{r.PerSecond:F1}/s** | | | | | | {Cpu(r)} | {Rss(r)} |"));
            foreach (var s in r.Steps)
                md.AppendLine(Invariant($"| | {s.Step} | {s.Requests} | {s.PerSecond:F1} | {s.P50Ms:F2} | {s.P95Ms:F2} | {s.P99Ms:F2} | {s.MaxMs:F1} | {Errors(s)} | | |"));
        }
        if (peer is not null)
        {
            md.AppendLine(Invariant($"| **peer: {peer.Name}** | *{peer.Ok} checkouts in {peer.Seconds:F1} s, {peer.Concurrency} clients* | | **{peer.CheckoutsPerSecond:F1}/s** | | | | | {(peer.Failed > 0 ? Invariant($"{peer.Failed} failed") : "")} | {peer.ServerCpuSeconds:F1} | |"));
            md.AppendLine(Invariant($"| | addPaymentToOrder | {peer.Ok} | | {peer.PaymentP50Ms:F2} | | {peer.PaymentP99Ms:F2} | | | | |"));
            md.AppendLine(Invariant($"| | whole checkout (6 operations) | {peer.Ok} | | {peer.CheckoutP50Ms:F2} | | {peer.CheckoutP99Ms:F2} | | | | |"));
        }
        md.AppendLine();

        var ratios = new List<(string What, string Value, string Target, string Verdict)>();
        double? Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 ? x / y : null;
        var checkoutRatio = Ratio(checkout?.PerSecond, storage?.PerSecond);
        ratios.Add(("checkout throughput ÷ baseline (a) storage floor", Invariant($"{checkout?.PerSecond:F1} ÷ {storage?.PerSecond:F1} = {checkoutRatio:F2}"), "≥ 0.50", Verdict(checkoutRatio >= 0.5)));
        var checkoutRequests = checkout?.Steps.Sum(s => s.Requests) / Math.Max(checkout?.Seconds ?? 1, 1e-9);
        ratios.Add(("checkout requests/s ÷ baseline (b) HTTP floor requests/s", Invariant($"{checkoutRequests:F0} ÷ {health?.PerSecond:F0} = {Ratio(checkoutRequests, health?.PerSecond):F3}"), "—", "info"));
        var readP99 = read?.Find("get_order_with_includes")?.P99Ms;
        ratios.Add(("order read with includes, p99 (8 clients)", Invariant($"{readP99:F2} ms"), "< 5 ms", Verdict(readP99 < 5)));
        var readP50 = read?.Find("get_order_with_includes")?.P50Ms;
        var healthP50 = health?.Find("get_health_live")?.P50Ms;
        ratios.Add(("order read p50 ÷ baseline (b) p50", Invariant($"{readP50:F2} ÷ {healthP50:F2} = {Ratio(readP50, healthP50):F1}"), "—", "info"));
        ratios.Add(("order read throughput ÷ baseline (b) throughput", Invariant($"{read?.PerSecond:F0} ÷ {health?.PerSecond:F0} = {Ratio(read?.PerSecond, health?.PerSecond):F2}"), "—", "info"));
        var listP99 = list?.Find("list_orders")?.P99Ms;
        ratios.Add(("order list p99 / throughput", Invariant($"{listP99:F2} ms / {list?.PerSecond:F0} per s"), "—", "info"));
        var placeP99 = checkout?.Find("place")?.P99Ms;
        if (peer is not null)
        {
            var vendure = Ratio(checkout?.PerSecond, peer.CheckoutsPerSecond);
            ratios.Add(("checkouts/s ÷ Vendure's, same run, 8 shoppers each", Invariant($"{checkout?.PerSecond:F1} ÷ {peer.CheckoutsPerSecond:F1} = {vendure:F1}×"), "≥ 10×", Verdict(vendure >= 10)));
            var vendureLatency = Ratio(placeP99, peer.PaymentP99Ms);
            ratios.Add(("place p99 ÷ Vendure's payment step p99, same run", Invariant($"{placeP99:F1} ÷ {peer.PaymentP99Ms:F1} = {vendureLatency:F3}"), "≤ 0.1", Verdict(vendureLatency <= 0.1)));
            var ourCpu = checkout?.Server is { } use && checkout.Completed > 0 ? use.CpuSeconds * 1000 / checkout.Completed : (double?)null;
            ratios.Add(("server CPU ms per checkout: ours ÷ Vendure's", Invariant($"{ourCpu:F1} ÷ {peer.CpuMsPerCheckout:F1} = {Ratio(ourCpu, peer.CpuMsPerCheckout):F2}"), "—", "info"));
        }
        else
        {
            ratios.Add(("checkouts/s ÷ Vendure's", "not measured: run with --peer vendure", "≥ 10×", "not measured"));
            ratios.Add(("place p99 ÷ Vendure's payment step p99", Invariant($"place p99 {placeP99:F1} ms; Vendure not measured in this run"), "≤ 0.1", "not measured"));
        }
        if (contention is not null)
        {
            var violations = contention.Find("more_than_one_success")?.Requests ?? 0;
            ratios.Add(("contention: orders placed exactly once", Invariant($"{contention.Completed}, {violations} with ≠ 1 success"), "all", Verdict(violations == 0)));
        }
        if (final is not null)
            ratios.Add(("server RSS now / peak (VmRSS / VmHWM)", Invariant($"{final.RssMb:F0} / {final.PeakRssMb:F0} MB after {placedOrders} orders placed through the API{(options.SeedOrders > 0 ? Invariant($" + {options.SeedOrders} seeded") : "")}"),
                "< 200 MB after 100,000", options.SeedOrders >= 100_000 || placedOrders >= 100_000 ? Verdict(final.PeakRssMb < 200) : "not measured at 100,000 in this run"));
        if (checkoutSeeded is not null)
        {
            var flat = Ratio(checkoutSeeded.PerSecond, checkout?.PerSecond);
            ratios.Add((Invariant($"checkout throughput with {options.SeedOrders} more orders ÷ empty"), Invariant($"{checkoutSeeded.PerSecond:F1} ÷ {checkout?.PerSecond:F1} = {flat:F2}"), "0.80–1.20", Verdict(flat is >= 0.8 and <= 1.2)));
            ratios.Add(("… and the ratio to baseline (a) after seeding", Invariant($"{checkoutSeeded.PerSecond:F1} ÷ {storageSeeded?.PerSecond:F1} = {Ratio(checkoutSeeded.PerSecond, storageSeeded?.PerSecond):F2}"), "≥ 0.50", Verdict(Ratio(checkoutSeeded.PerSecond, storageSeeded?.PerSecond) >= 0.5)));
            var seededP99 = readSeeded?.Find("get_order_with_includes")?.P99Ms;
            ratios.Add(("order read p99 after seeding", Invariant($"{seededP99:F2} ms"), "< 5 ms", Verdict(seededP99 < 5)));
        }
        md.AppendLine("| ratio / target | measured | target | |");
        md.AppendLine("| --- | --- | --- | --- |");
        foreach (var (what, value, target, verdict) in ratios)
            md.AppendLine(Invariant($"| {what} | {value} | {target} | {verdict} |"));

        var json = new
        {
            options.Label,
            options.Provider,
            options.Shoppers,
            options.Readers,
            options.SeedOrders,
            machine = new { Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, dotnet = Environment.Version.ToString() },
            scenarios = results,
            peer,
            ratios = ratios.Select(r => new { r.What, r.Value, r.Target, r.Verdict }),
            server = new { afterEmpty, final, placedOrders },
        };
        return new Report(md.ToString(), json);
    }

    private static string Verdict(bool met) => met ? "met" : "**missed**";

    private static string Cpu(ScenarioResult r) => r.Server is { } s ? Invariant($"{s.CpuSeconds:F1} ({s.CpuCoresUsed:F2} cores)") : "";

    private static string Rss(ScenarioResult r) => r.Server is { } s ? Invariant($"{s.RssMb:F0} ({s.PeakRssMb:F0})") : "";

    private static string Errors(StepResult s) => s.NonSuccessByStatus.Count == 0 ? "" : string.Join(", ", s.NonSuccessByStatus.Select(e => $"{e.Key}: {e.Value}"));
}
