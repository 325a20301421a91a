using System.Globalization;
using System.Threading.RateLimiting;
using Commerce.Api.Authentication;
using Commerce.Api.Configuration;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using Microsoft.AspNetCore.HttpOverrides;

namespace Commerce.Api.Hosting;

/// <summary>The <c>Limits</c> configuration section.</summary>
public sealed class LimitOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request body, in bytes (default 1 MiB); larger is 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
    /// <summary>
    /// Requests per minute to /api per caller (default 1,200): an integration; a customer; each token of a sales channel
    /// without a customer, i.e. each anonymous shopper of a public sales channel (see <c>Caller.ScopeOf</c>).
    /// </summary>
    public int PerCallerPerMinute { get; set; } = 1200;
    /// <summary>Requests per minute to /api per application, all its callers together (default 60,000): the ceiling above every caller's own budget.</summary>
    public int PerApplicationPerMinute { get; set; } = 60000;
    /// <summary>Requests per minute per client IP to /api (default 2,400).</summary>
    public int PerIpPerMinute { get; set; } = 2400;
    /// <summary>Requests per minute per client IP to /oauth/token (default 60).</summary>
    public int TokenRequestsPerIpPerMinute { get; set; } = 60;
    /// <summary>
    /// Reverse proxies (addresses, or networks as <c>10.0.0.0/8</c>) whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
    /// are believed: the client's address then comes from that header (per-IP limits, logs). Empty by default: the
    /// header is ignored from everyone.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
    /// <summary>Origins (scheme://host[:port]) whose pages may call the API from a browser.</summary>
    public List<string> CorsAllowedOrigins { get; set; } = [];
}

/// <summary>The rules of the <c>Limits</c> section.</summary>
internal sealed class LimitOptionsValidator() : SectionValidator<LimitOptions>(LimitOptions.Section)
{
    protected override void Check(LimitOptions options, SectionProblems problems)
    {
        problems.Between(nameof(options.MaxRequestBodyBytes), options.MaxRequestBodyBytes, 1024, 1024L * 1024 * 1024);
        problems.Between(nameof(options.PerCallerPerMinute), options.PerCallerPerMinute, 1, int.MaxValue);
        problems.Between(nameof(options.PerApplicationPerMinute), options.PerApplicationPerMinute, 1, int.MaxValue);
        problems.Between(nameof(options.PerIpPerMinute), options.PerIpPerMinute, 1, int.MaxValue);
        problems.Between(nameof(options.TokenRequestsPerIpPerMinute), options.TokenRequestsPerIpPerMinute, 1, int.MaxValue);
        for (var i = 0; i < options.TrustedProxies.Count; i++)
        {
            if (AbuseProtection.ParseNetwork(options.TrustedProxies[i]) is null)
                problems.Add($"{problems.Key($"{nameof(options.TrustedProxies)}:{i}")} is '{options.TrustedProxies[i]}': expected an IP address or a network such as 10.0.0.0/8");
        }
        for (var i = 0; i < options.CorsAllowedOrigins.Count; i++)
        {
            var origin = options.CorsAllowedOrigins[i];
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || origin.EndsWith('/'))
                problems.Add($"{problems.Key($"{nameof(options.CorsAllowedOrigins)}:{i}")} is '{origin}': an origin is scheme://host[:port], without a path");
        }
    }
}

internal static class AbuseProtection
{
    public const string CorsPolicy = "checkout-pages";

    public static IServiceCollection AddAbuseProtection(this IServiceCollection services, LimitOptions limits)
    {
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);

        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies (ASP.NET Core trusts loopback by default); through a chain of them, up to the first
            // address that is not one.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            forwarded.ForwardLimit = null;
            foreach (var proxy in limits.TrustedProxies)
                forwarded.KnownIPNetworks.Add(ParseNetwork(proxy) ?? throw new InvalidOperationException($"Limits:TrustedProxies has '{proxy}', not an address or network."));
        });

        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins([.. limits.CorsAllowedOrigins])
            .AllowAnyHeader()
            .WithMethods("GET", "POST", "PATCH", "DELETE")
            .WithExposedHeaders("Location", "Retry-After", "Idempotent-Replayed", "WWW-Authenticate")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));

        // Per client IP, before authentication (the token endpoint answers inside it); stricter on /oauth/token.
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsTokenRequest(context)
                ? Window($"token:{Ip(context)}", limits.TokenRequestsPerIpPerMinute)
                : Window($"ip:{Ip(context)}", limits.PerIpPerMinute));
            options.OnRejected = (rejected, _) => RejectAsync(rejected.HttpContext, rejected.Lease);
        });
        // Per caller, then per application, after authentication (both come from the token): one shopper's burst uses up that
        // shopper's budget, not the whole sales channel's. The caller's window is asked first, so a request it refuses
        // does not count against the application's ceiling.
        services.AddSingleton(PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => Caller.ScopeOf(context.User) is { } caller
                ? Window($"caller:{caller}", limits.PerCallerPerMinute)
                : RateLimitPartition.GetNoLimiter("anonymous")),
            PartitionedRateLimiter.Create<HttpContext, string>(context => context.User.FindFirst(Caller.ApplicationClaim)?.Value is { } application
                ? Window($"app:{application}", limits.PerApplicationPerMinute)
                : RateLimitPartition.GetNoLimiter("anonymous"))));
        return services;
    }

    public static IApplicationBuilder UseApplicationRateLimit(this IApplicationBuilder app)
    {
        var limiter = app.ApplicationServices.GetRequiredService<PartitionedRateLimiter<HttpContext>>();
        return app.Use(async (context, next) =>
        {
            using var lease = await limiter.AcquireAsync(context, 1, context.RequestAborted);
            if (!lease.IsAcquired)
            {
                await RejectAsync(context, lease);
                return;
            }
            await next(context);
        });
    }

    /// <summary>The client's address from <c>X-Forwarded-For</c>, only when the request comes from a trusted proxy (off without any).</summary>
    public static IApplicationBuilder UseTrustedForwardedHeaders(this IApplicationBuilder app, LimitOptions limits) =>
        limits.TrustedProxies.Count == 0 ? app : app.UseForwardedHeaders();

    /// <summary>An address (a network of one) or a network in CIDR notation; null when it is neither.</summary>
    public static System.Net.IPNetwork? ParseNetwork(string? text)
    {
        if (System.Net.IPAddress.TryParse(text, out var address))
            return new System.Net.IPNetwork(address, address.GetAddressBytes().Length * 8);
        return System.Net.IPNetwork.TryParse(text, out var network) ? network : null;
    }

    private static async ValueTask RejectAsync(HttpContext context, RateLimitLease lease)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await ErrorFunnel.WriteAsync(context, [new ErrorObject(429, "RATE_LIMITED", "Too many requests",
            $"Too many requests: try again in {retryAfter} seconds.")], 429);
    }

    /// <summary>Refuses a body whose declared length is over the limit before reading it (Kestrel enforces the rest).</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app, LimitOptions limits) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > limits.MaxRequestBodyBytes)
            {
                await ErrorFunnel.WriteAsync(context, [new ErrorObject(413, ErrorCodes.PayloadTooLarge, "Payload too large",
                    $"The request body is larger than {limits.MaxRequestBodyBytes} bytes.")], 413);
                return;
            }
            await next(context);
        });

    private static bool IsTokenRequest(HttpContext context) => context.Request.Path.StartsWithSegments(TokenServer.TokenPath);

    private static string Ip(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> Window(string key, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
