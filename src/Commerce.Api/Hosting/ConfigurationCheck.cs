using System.Data.Common;
using System.Globalization;
using Commerce.Api.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Commerce.Api.Hosting;

/// <summary>
/// Checks the configuration before anything is built from it: the database provider and connection string,
/// the Payments, Auth, Limits, Checkout, HostOptions and Telemetry values. Values are read as text and parsed here so
/// that a wrong one becomes a sentence naming the key, not a binder's stack trace.
/// </summary>
public static class ConfigurationCheck
{
    /// <summary>Exit code of a start refused for bad configuration (sysexits' EX_CONFIG; systemd can be told not to restart on it).</summary>
    public const int ExitCode = 78;

    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        var check = new Checker(configuration, problems);

        // Database
        var providerText = configuration["Database:Provider"];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && (!Enum.TryParse(providerText, ignoreCase: true, out provider) || !Enum.IsDefined(provider)))
        {
            problems.Add($"Database:Provider is '{providerText}': use Sqlite, SqlServer or PostgreSql");
            provider = DatabaseProvider.Sqlite;
        }
        check.Bool("Database:MigrateOnStart");
        check.Bool("Database:SeedDemoData");
        var connection = configuration.GetConnectionString(PersistenceServiceCollectionExtensions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connection))
        {
            if (provider != DatabaseProvider.Sqlite)
                problems.Add($"ConnectionStrings:Commerce is not set, and Database:Provider {provider} needs it");
        }
        else
        {
            try
            {
                DbConnectionStringBuilder builder = provider switch
                {
                    DatabaseProvider.SqlServer => new SqlConnectionStringBuilder(connection),
                    DatabaseProvider.PostgreSql => new NpgsqlConnectionStringBuilder(connection),
                    _ => new SqliteConnectionStringBuilder(connection),
                };
                if (provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(((NpgsqlConnectionStringBuilder)builder).Host))
                    problems.Add("ConnectionStrings:Commerce has no Host for PostgreSql");
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                // The message of a connection string parser can quote the string, password included: say only which key.
                problems.Add($"ConnectionStrings:Commerce is not a valid {provider} connection string");
            }
        }

        // Payments
        var gatewayTimeout = check.Number("Payments:GatewayTimeoutSeconds", 10, 0.1, 300);
        var reconcileAfter = check.Number("Payments:ReconcileAfterSeconds", 120, 1, 7 * 24 * 3600);
        // A placement asks the gateway once (authorize), and once that failed it renews its hold and asks at most twice more
        // (find, void), each call bounded by the timeout: the reconciler must wait longer than two of them.
        if (gatewayTimeout is { } g && reconcileAfter is { } r && r <= 2 * g)
            problems.Add($"Payments:ReconcileAfterSeconds ({r.ToString(CultureInfo.InvariantCulture)}) must be longer than twice Payments:GatewayTimeoutSeconds ({g.ToString(CultureInfo.InvariantCulture)}), or the reconciler would take placements still in flight");
        check.Number("Payments:ReconcileIntervalSeconds", 60, 0.1, 3600);
        if (check.Number("Idempotency:AbandonedAfterSeconds", 300, 1, 24 * 3600) is { } abandoned && gatewayTimeout is { } gateway && abandoned <= gateway)
            problems.Add($"Idempotency:AbandonedAfterSeconds ({abandoned.ToString(CultureInfo.InvariantCulture)}) must be longer than Payments:GatewayTimeoutSeconds ({gateway.ToString(CultureInfo.InvariantCulture)}), or a retry could run beside the request still in flight");
        check.Number("Payments:LateAuthorizationWindowSeconds", 3600, 0, 30 * 24 * 3600);
        check.Number("Payments:External:TimeoutSeconds", 10, 0.1, 300);
        foreach (var url in new[] { "AuthorizeUrl", "VoidUrl", "CaptureUrl", "RefundUrl", "LookupUrl" })
            check.HttpUrl($"Payments:External:{url}");

        // Auth
        if (string.IsNullOrWhiteSpace(configuration["Auth:Issuer"]))
        {
            if (configuration.GetSection("Auth:Issuer").Exists())
                problems.Add("Auth:Issuer is empty: set the service's public base URL, e.g. https://shop.example.com/");
        }
        else
        {
            check.HttpUrl("Auth:Issuer");
        }
        check.Number("Auth:AccessTokenLifetimeMinutes", 120, 1, 24 * 60);
        check.Number("Auth:RefreshTokenLifetimeDays", 30, 0.01, 365);
        if (configuration.GetSection("Auth:KeyDirectory").Exists() && string.IsNullOrWhiteSpace(configuration["Auth:KeyDirectory"]))
            problems.Add("Auth:KeyDirectory is empty: name the folder that holds the signing keys");

        // Limits
        check.Number("Limits:MaxRequestBodyBytes", 1024 * 1024, 1024, 1024L * 1024 * 1024, integer: true);
        check.Number("Limits:PerCallerPerMinute", 1200, 1, int.MaxValue, integer: true);
        check.Number("Limits:PerApplicationPerMinute", 60000, 1, int.MaxValue, integer: true);
        check.Number("Limits:PerIpPerMinute", 2400, 1, int.MaxValue, integer: true);
        check.Number("Limits:TokenRequestsPerIpPerMinute", 60, 1, int.MaxValue, integer: true);
        foreach (var proxy in configuration.GetSection("Limits:TrustedProxies").GetChildren())
        {
            if (AbuseProtection.ParseNetwork(proxy.Value) is null)
                problems.Add($"{proxy.Path} is '{proxy.Value}': expected an IP address or a network such as 10.0.0.0/8");
        }
        foreach (var origin in configuration.GetSection("Limits:CorsAllowedOrigins").GetChildren())
        {
            if (!Uri.TryCreate(origin.Value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || origin.Value!.EndsWith('/'))
                problems.Add($"{origin.Path} is '{origin.Value}': an origin is scheme://host[:port], without a path");
        }

        // Checkout page: orders link to it, and it takes its token with this public client id
        check.HttpUrl("Checkout:BaseUrl");
        if (configuration.GetSection("Checkout:ClientId").Exists() && string.IsNullOrWhiteSpace(configuration["Checkout:ClientId"]))
            problems.Add("Checkout:ClientId is empty: name the public sales channel the checkout page uses");

        // Host and telemetry
        if (configuration["HostOptions:ShutdownTimeout"] is { Length: > 0 } shutdown
            && (!TimeSpan.TryParse(shutdown, CultureInfo.InvariantCulture, out var timeout) || timeout < TimeSpan.Zero || timeout > TimeSpan.FromHours(1)))
            problems.Add($"HostOptions:ShutdownTimeout is '{shutdown}': use a duration such as 00:00:30 (at most one hour)");
        check.HttpUrl("Telemetry:OtlpEndpoint");
        check.Bool("Telemetry:PrometheusEndpoint");
        if (configuration["Telemetry:OtlpProtocol"] is { Length: > 0 } protocol && protocol is not ("grpc" or "http/protobuf"))
            problems.Add($"Telemetry:OtlpProtocol is '{protocol}': use grpc or http/protobuf");
        return problems;
    }

    private sealed class Checker(IConfiguration configuration, List<string> problems)
    {
        public double? Number(string key, double fallback, double min, double max, bool integer = false)
        {
            var text = configuration[key];
            if (string.IsNullOrWhiteSpace(text))
                return configuration.GetSection(key).Exists() && text is not null ? Fail<double?>($"{key} is empty") : fallback;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value)
                || (integer && value != Math.Floor(value)))
                return Fail<double?>($"{key} is '{text}': expected {(integer ? "a whole number" : "a number")}");
            if (value < min || value > max)
                return Fail<double?>($"{key} is {text}: it must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}");
            return value;
        }

        public void Bool(string key)
        {
            if (configuration[key] is { Length: > 0 } text && !bool.TryParse(text, out _))
                problems.Add($"{key} is '{text}': expected true or false");
        }

        public void HttpUrl(string key)
        {
            if (configuration[key] is { Length: > 0 } text
                && (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
                problems.Add($"{key} is '{text}': expected an absolute http or https URL");
        }

        private T Fail<T>(string problem)
        {
            problems.Add(problem);
            return default!;
        }
    }
}
