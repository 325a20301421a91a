using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Commerce.LoadTests;

/// <summary>What the peer's own benchmark measured, in the same run as ours.</summary>
public sealed record PeerResult(
    string Name, int Concurrency, double Seconds, long Ok, long Failed, double CheckoutsPerSecond,
    double PaymentP50Ms, double PaymentP99Ms, double CheckoutP50Ms, double CheckoutP99Ms, double? ServerCpuSeconds)
{
    /// <summary>Server CPU per checkout, when the peer's recipe reported it (its warm-up checkouts included).</summary>
    public double? CpuMsPerCheckout => ServerCpuSeconds is { } s && Ok > 0 ? s * 1000 / Ok : null;
}

/// <summary>
/// Vendure 3.7.3, run side by side: the recipe of <c>../shared/peers/vendure</c> (its own Shop API checkout of six
/// GraphQL operations ending in an authorized payment, better-sqlite3 with WAL) run by its <c>run-all.sh</c> right after our
/// scenarios, on a free loopback port. run.sh copies the recipe to a writable cache and installs its npm packages once;
/// this class only starts the script, bounded in time, and reads the JSON it writes. The script stops its server by PID;
/// if the time runs out, the process tree this class started is killed (nothing else).
/// </summary>
public static partial class VendurePeer
{
    private const string Results = "bench-sqlite-wal1-c8.json";

    public static async Task<PeerResult> RunAsync(string directory, TimeSpan limit)
    {
        var script = Path.Combine(directory, "run-all.sh");
        if (!File.Exists(script))
            throw new InvalidOperationException($"{script} does not exist: pass the folder of an installed copy of ../shared/peers/vendure");
        File.Delete(Path.Combine(directory, Results));
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo("bash", [script])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["VENDURE_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["VENDURE_URL"] = $"http://127.0.0.1:{port}";
        start.Environment["VENDURE_SQLITE_WAL"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(limit))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"the Vendure run did not finish within {limit.TotalSeconds:F0} s");
            }
        }
        var stdout = await output;
        var stderr = await errors;
        var resultPath = Path.Combine(directory, Results);
        if (process.ExitCode != 0 || !File.Exists(resultPath))
            throw new InvalidOperationException($"the Vendure run failed (exit {process.ExitCode}):\n{stdout}\n{stderr}");

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(resultPath));
        var root = json.RootElement;
        var latency = root.GetProperty("latency_ms");
        // cpu-of.sh prints one "server pid N cpu_s=X wall_s=Y" line per load run: c=1 first, then c=8.
        var cpu = CpuLine().Matches(stderr).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        return new PeerResult(
            "Vendure 3.7.3 Shop API checkout (6 operations, better-sqlite3 WAL)",
            root.GetProperty("concurrency").GetInt32(),
            root.GetProperty("duration_s").GetDouble(),
            root.GetProperty("ok").GetInt64(),
            root.GetProperty("fail").GetInt64(),
            root.GetProperty("checkouts_per_s").GetDouble(),
            latency.GetProperty("addPaymentToOrder").GetProperty("p50").GetDouble(),
            latency.GetProperty("addPaymentToOrder").GetProperty("p99").GetDouble(),
            latency.GetProperty("total").GetProperty("p50").GetDouble(),
            latency.GetProperty("total").GetProperty("p99").GetDouble(),
            cpu.Count >= 2 ? cpu[^1] : null);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"cpu_s=([0-9.]+)")]
    private static partial Regex CpuLine();
}
