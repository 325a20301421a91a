using System.Diagnostics;
using System.Diagnostics.Metrics;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;

namespace Commerce.Api.Telemetry;

/// <summary>
/// The service's own meter, <c>Commerce</c>. Placement is measured in the host, around the domain's
/// <see cref="PlacementService"/> (the domain stays free of instrumentation); gateway calls are measured by
/// <see cref="MeteredPaymentGateway"/>, which wraps every configured gateway.
/// </summary>
public sealed class CommerceMetrics
{
    public const string MeterName = "Commerce";

    public const string OrdersPlacedName = "commerce.orders.placed";
    public const string PlacementFailuresName = "commerce.placement.failures";
    public const string PlacementDurationName = "commerce.placement.duration";
    public const string GatewayDurationName = "commerce.gateway.duration";

    private readonly Counter<long> _ordersPlaced;
    private readonly Counter<long> _placementFailures;
    private readonly Histogram<double> _placementDuration;
    private readonly Histogram<double> _gatewayDuration;

    /// <summary>Buckets for durations in seconds, from 5 ms to past the longest gateway timeout.</summary>
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60],
    };

    public CommerceMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _ordersPlaced = meter.CreateCounter<long>(OrdersPlacedName, "{order}", "Orders placed");
        _placementFailures = meter.CreateCounter<long>(PlacementFailuresName, "{placement}",
            "Placements that did not place the order, by reason: declined, gateway_error, timeout, preconditions, conflict");
        _placementDuration = meter.CreateHistogram(PlacementDurationName, "s", "How long placing an order took, by outcome", advice: Seconds);
        _gatewayDuration = meter.CreateHistogram(GatewayDurationName, "s", "Payment gateway calls, by gateway, operation and outcome", advice: Seconds);
    }

    /// <summary>Places through <paramref name="place"/> and records the outcome; exceptions pass through unchanged.</summary>
    public async Task<T> MeasurePlacementAsync<T>(Func<Task<T>> place)
    {
        var started = Stopwatch.GetTimestamp();
        string outcome = "placed";
        try
        {
            var result = await place();
            _ordersPlaced.Add(1);
            return result;
        }
        catch (Exception exception) when (FailureReason(exception) is { } reason)
        {
            outcome = reason;
            _placementFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));
            throw;
        }
        catch
        {
            outcome = "error";
            throw;
        }
        finally
        {
            _placementDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public void RecordGatewayCall(string gateway, string operation, string outcome, TimeSpan duration) =>
        _gatewayDuration.Record(duration.TotalSeconds,
            new KeyValuePair<string, object?>("gateway", gateway),
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>The <c>reason</c> tag of a failed placement; null for an unexpected exception.</summary>
    public static string? FailureReason(Exception exception) => exception switch
    {
        PaymentDeclinedException => "declined",
        PaymentGatewayException { TimedOut: true } => "timeout",
        PaymentGatewayException => "gateway_error",
        PlacementFailedException => "preconditions",
        PlacementConflictException => "conflict",
        _ => null,
    };
}
