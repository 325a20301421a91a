using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Commerce.Api.Telemetry;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Operability;

public sealed class Placement_metrics : ApiFixture
{
    private MeterListener _listener = null!;
    private readonly ConcurrentQueue<(string Name, double Value, Dictionary<string, object?> Tags)> _measurements = new();

    [OneTimeSetUp]
    public void Listen()
    {
        // Only this fixture's service: its meters come from its own IMeterFactory.
        var scope = Factory.Services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CommerceMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope))
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    [OneTimeTearDown]
    public void StopListening() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
            copy[tag.Key] = tag.Value;
        _measurements.Enqueue((instrument.Name, value, copy));
    }

    private double Sum(string name, string? tag = null, string? value = null) =>
        _measurements.Where(m => m.Name == name && (tag is null || Equals(m.Tags.GetValueOrDefault(tag), value))).Sum(m => m.Value);

    private int Count(string name, string tag, string value) =>
        _measurements.Count(m => m.Name == name && Equals(m.Tags.GetValueOrDefault(tag), value));

    [Test]
    public async Task Placing_an_order_moves_the_orders_placed_counter_and_records_durations()
    {
        var orderId = await Checkout.PendingOrderAsync(Api, "tok_visa");
        var placedBefore = Sum(CommerceMetrics.OrdersPlacedName);
        var durationsBefore = Count(CommerceMetrics.PlacementDurationName, "outcome", "placed");
        var approvedBefore = Count(CommerceMetrics.GatewayDurationName, "outcome", "approved");

        var placed = await Checkout.PlaceAsync(Api, orderId);

        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        Assert.That(Sum(CommerceMetrics.OrdersPlacedName), Is.EqualTo(placedBefore + 1));
        Assert.That(Count(CommerceMetrics.PlacementDurationName, "outcome", "placed"), Is.EqualTo(durationsBefore + 1));
        Assert.That(Count(CommerceMetrics.GatewayDurationName, "outcome", "approved"), Is.EqualTo(approvedBefore + 1));
        Assert.That(_measurements.Last(m => m.Name == CommerceMetrics.GatewayDurationName).Tags["operation"], Is.EqualTo("authorize"));
    }

    [TestCase("tok_chargeDeclined", "declined", HttpStatusCode.UnprocessableEntity)]
    [TestCase("tok_gatewayError", "gateway_error", HttpStatusCode.BadGateway)]
    public async Task A_failed_placement_counts_under_its_reason(string token, string reason, HttpStatusCode status)
    {
        var orderId = await Checkout.PendingOrderAsync(Api, token);
        var placedBefore = Sum(CommerceMetrics.OrdersPlacedName);
        var failuresBefore = Sum(CommerceMetrics.PlacementFailuresName, "reason", reason);

        var attempt = await Checkout.PlaceAsync(Api, orderId);

        Assert.That(attempt.Status, Is.EqualTo(status), attempt.ToString());
        Assert.That(Sum(CommerceMetrics.PlacementFailuresName, "reason", reason), Is.EqualTo(failuresBefore + 1));
        Assert.That(Sum(CommerceMetrics.OrdersPlacedName), Is.EqualTo(placedBefore));
    }

    [Test]
    public async Task An_order_that_cannot_be_placed_counts_under_preconditions()
    {
        var empty = await Api.PostAsync("orders", JsonApiClient.Document("orders", new { currency_code = "EUR" }));
        var before = Sum(CommerceMetrics.PlacementFailuresName, "reason", "preconditions");

        var attempt = await Checkout.PlaceAsync(Api, empty.Id);

        Assert.That(attempt.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), attempt.ToString());
        Assert.That(Sum(CommerceMetrics.PlacementFailuresName, "reason", "preconditions"), Is.EqualTo(before + 1));
    }
}
