using System.Net;
using Commerce.Api.Persistence;
using Commerce.Api.Webhooks;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Commerce.IntegrationTests.Webhooks;

/// <summary>
/// A failing delivery's backoff: <c>Webhooks:BaseBackoffSeconds</c> × 2^(attempt−1), at most 10 minutes
/// (<c>Webhooks:MaxBackoffSeconds</c>, 600 by default), and no more than <c>Webhooks:MaxAttempts</c> attempts
/// (docs/placing-and-payments.md, webhooks). Time is the subject, so the service runs on a <see cref="FakeTimeProvider"/>
/// that only the test moves; the test runs the sender's passes itself (the sender's own loop, waiting on that clock,
/// may run one too when the clock moves: a delivery is claimed by lease, so it is sent once either way).
/// </summary>
public sealed class Webhook_backoff : ApiFixture
{
    private const int BaseBackoffSeconds = 100;
    private const int MaxAttempts = 5;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private WebhookReceiver _receiver = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:BaseBackoffSeconds"] = BaseBackoffSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Webhooks:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Webhooks:CircuitBreakerThreshold"] = "100",
        ["Payments:ReconcileIntervalSeconds"] = "3600",
    };

    protected override Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? Configure =>
        builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));

    private WebhookSender Sender => Factory.Services.GetRequiredService<WebhookSender>();

    [SetUp]
    public async Task StartReceiver() => _receiver = await WebhookReceiver.StartAsync();

    [TearDown]
    public async Task StopReceiver() => await _receiver.DisposeAsync();

    private async Task<WebhookDelivery?> DeliveryOfAsync(string webhookId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().WebhookDeliveries.AsNoTracking()
            .SingleOrDefaultAsync(d => d.WebhookId == webhookId);
    }

    /// <summary>Runs a pass of the sender, then waits until the delivery's attempt is saved (by this pass or the sender's own loop).</summary>
    private async Task<WebhookDelivery> AttemptAsync(string webhookId, int attempt)
    {
        await Sender.SendDueAsync(CancellationToken.None);
        WebhookDelivery? delivery = null;
        var saved = await Eventually.TrueAsync(async () => (delivery = await DeliveryOfAsync(webhookId))!.Attempts == attempt);
        Assert.That(saved, Is.True, $"attempt {attempt} was made and saved");
        return delivery!;
    }

    [Test]
    public async Task A_failing_delivery_backs_off_doubling_up_to_ten_minutes_and_stops_after_the_last_attempt()
    {
        _receiver.Answer = _ => 500;
        var created = await Api.PostAsync("webhooks", Document("webhooks", new { name = "failing", topic = "orders.place", callback_url = _receiver.Url }));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        var order = await new CheckoutBuilder(Api).BuildAsync();
        await Api.PlaceAsync(order.Id);
        var queued = await Eventually.TrueAsync(async () => await DeliveryOfAsync(created.Id) is not null);
        Assert.That(queued, Is.True, "the outbox queued a delivery");

        var backoffs = new List<double>();
        var sentEarly = new List<int>();
        var delivery = await AttemptAsync(created.Id, 1);
        for (var attempt = 2; attempt <= MaxAttempts; attempt++)
        {
            var backoff = delivery.NextAttemptAt - _clock.GetUtcNow();
            backoffs.Add(backoff.TotalSeconds);
            _clock.Advance(backoff - TimeSpan.FromSeconds(1));
            sentEarly.Add(await Sender.SendDueAsync(CancellationToken.None));
            _clock.Advance(TimeSpan.FromSeconds(1));
            delivery = await AttemptAsync(created.Id, attempt);
        }
        _clock.Advance(TimeSpan.FromDays(1));
        var sentAfterTheLast = await Sender.SendDueAsync(CancellationToken.None);

        Assert.That(backoffs, Is.EqualTo(new[] { 100.0, 200.0, 400.0, 600.0 }).Within(0.01), "base × 2^(attempt−1), at most 600 s");
        Assert.That(sentEarly, Is.EqualTo(new[] { 0, 0, 0, 0 }), "a second before its backoff is over, the delivery is not sent");
        Assert.That(delivery.Status, Is.EqualTo(WebhookDeliveryStatus.Failed), $"failed after {MaxAttempts} attempts");
        Assert.That(sentAfterTheLast, Is.Zero, "a failed delivery is not sent again, even a day later");
        Assert.That(_receiver.Calls, Has.Count.EqualTo(MaxAttempts));
        Assert.That(_receiver.Calls.Select(c => c.Attempt), Is.EqualTo(Enumerable.Range(1, MaxAttempts)));
    }
}
