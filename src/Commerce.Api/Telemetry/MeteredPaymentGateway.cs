using System.Diagnostics;
using Commerce.Domain.Payments;

namespace Commerce.Api.Telemetry;

/// <summary>A gateway that records the duration and outcome of every call into <see cref="CommerceMetrics"/>.</summary>
internal sealed class MeteredPaymentGateway(string name, IPaymentGateway inner, CommerceMetrics metrics) : IPaymentGateway
{
    public Task<GatewayResult> AuthorizeAsync(GatewayRequest request, CancellationToken cancellationToken) =>
        MeasureAsync("authorize", () => inner.AuthorizeAsync(request, cancellationToken), Outcome);

    public Task<GatewayResult> VoidAsync(GatewayRequest request, CancellationToken cancellationToken) =>
        MeasureAsync("void", () => inner.VoidAsync(request, cancellationToken), Outcome);

    public Task<GatewayResult> CaptureAsync(GatewayRequest request, CancellationToken cancellationToken) =>
        MeasureAsync("capture", () => inner.CaptureAsync(request, cancellationToken), Outcome);

    public Task<GatewayResult> RefundAsync(GatewayRequest request, CancellationToken cancellationToken) =>
        MeasureAsync("refund", () => inner.RefundAsync(request, cancellationToken), Outcome);

    public Task<GatewayAuthorization?> FindAuthorizationAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        MeasureAsync("lookup", () => inner.FindAuthorizationAsync(idempotencyKey, cancellationToken), held => held is null ? "not_found" : "found");

    private static string Outcome(GatewayResult result) => result switch
    {
        { Outcome: GatewayOutcome.Approved } => "approved",
        { Outcome: GatewayOutcome.Declined } => "declined",
        { TimedOut: true } => "timeout",
        { MayHaveActed: true } => "no_answer",
        _ => "failed",
    };

    private async Task<T> MeasureAsync<T>(string operation, Func<Task<T>> call, Func<T, string> outcome)
    {
        var started = Stopwatch.GetTimestamp();
        var label = "exception";
        try
        {
            var result = await call();
            label = outcome(result);
            return result;
        }
        catch (OperationCanceledException)
        {
            label = "cancelled";
            throw;
        }
        finally
        {
            metrics.RecordGatewayCall(name, operation, label, Stopwatch.GetElapsedTime(started));
        }
    }
}
