using System.Text.Json;
using Commerce.Api.Persistence;
using Commerce.Api.Placement;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Commerce.Api.Hosting;

/// <summary>
/// <c>/health/live</c>: the process answers (no checks). <c>/health/ready</c>: the database is reachable and
/// fully migrated, the placement reconciler (the background dispatcher) runs, and the service is not shutting
/// down. Both answer without a token, as JSON, 200 when healthy and 503 otherwise.
/// </summary>
internal static class Health
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string Ready = "ready";

    public static IServiceCollection AddCommerceHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [Ready], TimeSpan.FromSeconds(5))
            .AddCheck<ReconcilerHealthCheck>("placement_reconciler", HealthStatus.Unhealthy, [Ready])
            .AddCheck<OutboxHealthCheck>("outbox_dispatcher", HealthStatus.Unhealthy, [Ready])
            .AddCheck<LifetimeHealthCheck>("lifetime", HealthStatus.Unhealthy, [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapCommerceHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync }).AllowAnonymous();
        return endpoints;
    }

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("status", Name(report.Status));
        writer.WriteNumber("duration_ms", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
        writer.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            writer.WriteStartObject(name);
            writer.WriteString("status", Name(entry.Status));
            if (entry.Description is not null)
                writer.WriteString("description", entry.Description);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}

/// <summary>Reachable and no migration pending. Exception messages are not shown (they may name hosts or users).</summary>
internal sealed class DatabaseHealthCheck(CommerceDbContext db, DatabaseOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
                return HealthCheckResult.Unhealthy($"the {options.Provider} database cannot be reached");
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy($"{options.Provider}, migrated")
                : HealthCheckResult.Unhealthy($"{options.Provider}: {pending} migration(s) not applied");
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy($"the {options.Provider} database cannot be reached ({exception.GetType().Name})");
        }
    }
}

internal sealed class ReconcilerHealthCheck(PlacementReconciler reconciler) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(reconciler.ExecuteTask is { IsCompleted: false }
            ? HealthCheckResult.Healthy("running")
            : HealthCheckResult.Unhealthy(reconciler.ExecuteTask is null ? "not started" : "stopped"));
}

/// <summary>The outbox dispatcher runs (or is switched off in this instance with <c>Outbox:Enabled=false</c>).</summary>
internal sealed class OutboxHealthCheck(Commerce.Api.Outbox.OutboxDispatcher dispatcher, Commerce.Api.Outbox.OutboxOptions options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!options.Enabled
            ? HealthCheckResult.Healthy("disabled in this instance")
            : dispatcher.ExecuteTask is { IsCompleted: false }
                ? HealthCheckResult.Healthy("running")
                : HealthCheckResult.Unhealthy(dispatcher.ExecuteTask is null ? "not started" : "stopped"));
}

/// <summary>Unready from the moment shutdown begins, so that a load balancer stops sending new work.</summary>
internal sealed class LifetimeHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("shutting down")
            : HealthCheckResult.Healthy("serving"));
}
