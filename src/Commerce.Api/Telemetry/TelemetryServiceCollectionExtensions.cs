using Commerce.Api.Configuration;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Commerce.Api.Telemetry;

/// <summary>The <c>Telemetry</c> configuration section: which exporters run.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>OTLP (gRPC, or HTTP/protobuf with <see cref="OtlpProtocol"/>) endpoint for metrics and traces; none: no OTLP export.
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is honoured too.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Serve Prometheus' text format at <c>/metrics</c> (default false: restrict who reaches it).</summary>
    public bool PrometheusEndpoint { get; set; }

    /// <summary><c>service.name</c> of the resource (default <c>commerce</c>).</summary>
    public string ServiceName { get; set; } = "commerce";
}

internal static class TelemetryServiceCollectionExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Always: the <c>Commerce</c> meter (<see cref="CommerceMetrics"/>). With an exporter configured: OpenTelemetry
    /// metrics (ASP.NET Core, Kestrel, HttpClient, EF Core's meter, Npgsql, Commerce) and traces (ASP.NET Core,
    /// HttpClient, Npgsql). Without one, OpenTelemetry is not started at all.
    /// </summary>
    public static IServiceCollection AddCommerceTelemetry(this IServiceCollection services, IConfiguration configuration, TelemetryOptions options)
    {
        services.AddMetrics();
        services.AddSingleton<CommerceMetrics>();

        var otlp = options.OtlpEndpoint
            ?? (Uri.TryCreate(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"], UriKind.Absolute, out var fromEnvironment) ? fromEnvironment : null);
        if (otlp is null && !options.PrometheusEndpoint)
            return services;

        var protocol = string.Equals(options.OtlpProtocol, "http/protobuf", StringComparison.OrdinalIgnoreCase)
            ? OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf
            : OpenTelemetry.Exporter.OtlpExportProtocol.Grpc;
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(options.ServiceName));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddAspNetCoreInstrumentation()
                .AddMeter(CommerceMetrics.MeterName, "Microsoft.EntityFrameworkCore", "System.Net.Http", "Npgsql");
            if (otlp is not null)
                metrics.AddOtlpExporter(o => { o.Endpoint = otlp; o.Protocol = protocol; });
            if (options.PrometheusEndpoint)
                metrics.AddPrometheusExporter();
        });
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments(MetricsPath))
                .AddSource("System.Net.Http", "Npgsql")
                .AddOtlpExporter(o => { o.Endpoint = otlp; o.Protocol = protocol; }));
        }
        return services;
    }

    public static WebApplication UseCommerceTelemetry(this WebApplication app)
    {
        if (app.Services.GetRequiredService<TelemetryOptions>().PrometheusEndpoint)
            app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        return app;
    }
}

/// <summary>The rules of the <c>Telemetry</c> section.</summary>
internal sealed class TelemetryOptionsValidator() : SectionValidator<TelemetryOptions>(TelemetryOptions.Section)
{
    protected override void Check(TelemetryOptions options, SectionProblems problems)
    {
        problems.HttpUrl(nameof(options.OtlpEndpoint), options.OtlpEndpoint);
        if (!string.IsNullOrEmpty(options.OtlpProtocol) && options.OtlpProtocol is not ("grpc" or "http/protobuf"))
            problems.Add($"{problems.Key(nameof(options.OtlpProtocol))} is '{options.OtlpProtocol}': use grpc or http/protobuf");
    }
}
