using System.Diagnostics.Metrics;
using Commerce.Api.Telemetry;
using Commerce.Domain.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.UnitTests.Api.Telemetry;

/// <summary>The <c>outcome</c> of <c>commerce.gateway.duration</c> tells a decision, a refusal, no answer and a timeout apart.</summary>
public class MeteredPaymentGatewayTests
{
    private static readonly GatewayRequest Capture = new("ord_1", 1000, "EUR", null, "key_1", "ref_1");

    private static IEnumerable<TestCaseData> Answers()
    {
        yield return new TestCaseData(GatewayResult.Approved("cap_1")).Returns("approved");
        yield return new TestCaseData(GatewayResult.Declined("expired")).Returns("declined");
        yield return new TestCaseData(GatewayResult.Failed("refused (400)")).Returns("failed");
        yield return new TestCaseData(GatewayResult.NoAnswer("answered 503")).Returns("no_answer");
        yield return new TestCaseData(GatewayResult.NoAnswer("no answer in time", timedOut: true)).Returns("timeout");
    }

    [TestCaseSource(nameof(Answers))]
    public async Task<string?> A_capture_is_recorded_under_the_outcome_of_its_answer(GatewayResult answer)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var outcomes = new List<string?>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == CommerceMetrics.GatewayDurationName && ReferenceEquals(instrument.Meter.Scope, meters))
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "outcome")
                    outcomes.Add(tag.Value as string);
        });
        listener.Start();
        var gateway = new MeteredPaymentGateway("external", new Answering(answer), new CommerceMetrics(meters));

        await gateway.CaptureAsync(Capture, CancellationToken.None);

        Assert.That(outcomes, Has.Count.EqualTo(1));
        return outcomes[0];
    }

    private sealed class Answering(GatewayResult answer) : IPaymentGateway
    {
        public Task<GatewayResult> AuthorizeAsync(GatewayRequest request, CancellationToken cancellationToken) => Task.FromResult(answer);
        public Task<GatewayResult> VoidAsync(GatewayRequest request, CancellationToken cancellationToken) => Task.FromResult(answer);
        public Task<GatewayResult> CaptureAsync(GatewayRequest request, CancellationToken cancellationToken) => Task.FromResult(answer);
        public Task<GatewayResult> RefundAsync(GatewayRequest request, CancellationToken cancellationToken) => Task.FromResult(answer);
        public Task<GatewayAuthorization?> FindAuthorizationAsync(string idempotencyKey, CancellationToken cancellationToken) => Task.FromResult<GatewayAuthorization?>(null);
    }
}
