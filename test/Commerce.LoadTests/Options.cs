using System.Globalization;
using System.Net;

namespace Commerce.LoadTests;

/// <summary>Command-line options; see <see cref="Usage"/>.</summary>
public sealed class Options
{
    public const string Usage = """
        usage: Commerce.LoadTests --base-url http://127.0.0.1:PORT [--server-pid PID] [--provider sqlite|postgresql]
               [--connection-string CS] [--shoppers 8] [--readers 8] [--checkouts 400] [--reads 4000] [--health-requests 10000]
               [--contention-orders 4] [--contention-shoppers 8] [--contention-rounds 10] [--seed-orders 0]
               [--scenario-seconds 60] [--warm-up-seconds 30] [--json results.json] [--label TEXT] [--only health,checkout,storage,read,list,recommend,contention,promo]
               [--promo-rounds 3]
               [--peer-vendure DIR]
        The base URL must be a loopback address. Without --connection-string there is no storage baseline (a).
        --peer-vendure runs the Vendure recipe installed in DIR (run.sh --peer vendure prepares it) right after our scenarios
        and prints the ratios to it; without it, no ratio to Vendure is printed (a figure from another run is not a ratio).
        promo alternates --promo-rounds rounds of the plain checkout and the checkout with a coupon and a gift card (--checkouts
        each) and prints the ratio of their throughputs, both measured in the same run.
        """;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1:5000");
    public int? ServerPid { get; private set; }
    public string Provider { get; private set; } = "sqlite";
    public string? ConnectionString { get; private set; }
    public int Shoppers { get; private set; } = 8;
    public int Readers { get; private set; } = 8;
    public long Checkouts { get; private set; } = 400;
    public long Reads { get; private set; } = 4000;
    public long HealthRequests { get; private set; } = 10_000;
    public int ContentionOrders { get; private set; } = 4;
    public int ContentionShoppers { get; private set; } = 8;
    public int ContentionRounds { get; private set; } = 10;
    public int SeedOrders { get; private set; }
    /// <summary>Rounds of plain / coupon-and-gift-card checkouts the promo scenario alternates.</summary>
    public int PromoRounds { get; private set; } = 3;
    public TimeSpan ScenarioLimit { get; private set; } = TimeSpan.FromSeconds(60);
    /// <summary>How long the unreported warm-up traffic runs before the scenarios (at least one round of it).</summary>
    public TimeSpan WarmUp { get; private set; } = TimeSpan.FromSeconds(30);
    public string? JsonPath { get; private set; }
    public string Label { get; private set; } = "";
    public HashSet<string> Only { get; private set; } = [];
    /// <summary>The folder of an installed copy of ../shared/peers/vendure, run after our scenarios; null: no peer.</summary>
    public string? PeerVendure { get; private set; }

    /// <summary>Whether a scenario runs: all of them unless <c>--only</c> names some (health, checkout, storage, read, list, recommend, contention).</summary>
    public bool Runs(string scenario) => Only.Count == 0 || Only.Contains(scenario);

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            long Number() => long.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n : throw new ArgumentException($"{args[i - 1]} needs a positive whole number");
            switch (args[i])
            {
                case "--base-url": o.BaseUrl = new Uri(Next()); break;
                case "--server-pid": o.ServerPid = (int)Number(); break;
                case "--provider": o.Provider = Next() is "sqlite" or "postgresql" ? args[i] : throw new ArgumentException("--provider is sqlite or postgresql"); break;
                case "--connection-string": o.ConnectionString = Next(); break;
                case "--shoppers": o.Shoppers = (int)Number(); break;
                case "--readers": o.Readers = (int)Number(); break;
                case "--checkouts": o.Checkouts = Number(); break;
                case "--reads": o.Reads = Number(); break;
                case "--health-requests": o.HealthRequests = Number(); break;
                case "--contention-orders": o.ContentionOrders = (int)Number(); break;
                case "--contention-shoppers": o.ContentionShoppers = (int)Number(); break;
                case "--contention-rounds": o.ContentionRounds = (int)Number(); break;
                case "--seed-orders": o.SeedOrders = (int)Number(); break;
                case "--promo-rounds": o.PromoRounds = (int)Number(); break;
                case "--scenario-seconds": o.ScenarioLimit = TimeSpan.FromSeconds(Number()); break;
                case "--warm-up-seconds": o.WarmUp = TimeSpan.FromSeconds(Number()); break;
                case "--json": o.JsonPath = Next(); break;
                case "--label": o.Label = Next(); break;
                case "--peer-vendure": o.PeerVendure = Next(); break;
                case "--only": o.Only = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (!IsLoopback(o.BaseUrl))
            throw new ArgumentException($"{o.BaseUrl} is not a loopback address: the benchmark only targets a service on this machine");
        if (o.Checkouts > 1_000_000 || o.Reads > 10_000_000 || o.HealthRequests > 10_000_000 || o.SeedOrders > 1_000_000)
            throw new ArgumentException("the request bounds are at most 1,000,000 checkouts, 10,000,000 reads or health requests, 1,000,000 seeded orders");
        return o;
    }

    private static bool IsLoopback(Uri url) =>
        url.Scheme is "http" or "https"
        && (url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)));
}
