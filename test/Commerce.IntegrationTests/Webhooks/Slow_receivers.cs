using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Webhooks;

/// <summary>
/// A receiver that does not answer within <c>Webhooks:TimeoutSeconds</c>: the attempt fails as "no answer within", is
/// recorded, and the delivery is retried (docs/placing-and-payments.md, webhooks).
/// </summary>
public sealed class Webhook_timeouts : ApiFixture
{
    private WebhookReceiver _receiver = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:TimeoutSeconds"] = "1",
        ["Webhooks:BaseBackoffSeconds"] = "0.05",
        ["Webhooks:PollSeconds"] = "0.05",
        ["Webhooks:CircuitBreakerThreshold"] = "100",
    };

    [SetUp]
    public async Task StartReceiver() => _receiver = await WebhookReceiver.StartAsync();

    [TearDown]
    public async Task StopReceiver()
    {
        _receiver.ReleaseAnswers();
        await _receiver.DisposeAsync();
    }

    [Test]
    public async Task A_receiver_that_does_not_answer_within_the_timeout_is_a_failed_attempt_and_the_delivery_is_retried()
    {
        _receiver.HoldAnswers();
        var created = await Api.PostAsync("webhooks", Document("webhooks", new { name = "slow", topic = "orders.place", callback_url = _receiver.Url }));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        var order = await new CheckoutBuilder(Api).BuildAsync();

        await Api.PlaceAsync(order.Id);
        // The event itself: the sender gave up on a held call (the receiver saw its request closed).
        var gaveUp = await Eventually.TrueAsync(() => Task.FromResult(_receiver.Abandoned >= 1), TimeSpan.FromSeconds(30));
        Assert.That(gaveUp, Is.True, "the sender closed a call the receiver held");
        _receiver.ReleaseAnswers();
        var answered = await Eventually.TrueAsync(() => Task.FromResult(_receiver.Calls.Any(c => c.AnsweredWith == 200)), TimeSpan.FromSeconds(30));
        ApiResponse callbacks = null!;
        var recorded = await Eventually.TrueAsync(async () =>
            (callbacks = await Api.GetAsync($"event_callbacks?filter[q][webhook_id_eq]={created.Id}&sort=attempt&page[size]=25"))
                .Data.AsArray().Any(c => c!["attributes"]!["response_code"]?.GetValue<int>() == 200));

        Assert.That(answered, Is.True, "a later attempt was answered");
        Assert.That(recorded, Is.True, "the answered attempt was recorded");
        var attempts = callbacks.Data.AsArray().Select(c => c!["attributes"]!).ToList();
        var first = attempts[0]!;
        Assert.That(first["attempt"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(first["response_code"], Is.Null, "no answer, no status");
        Assert.That(first["succeeded"]!.GetValue<bool>(), Is.False);
        Assert.That(first["error"]!.GetValue<string>(), Is.EqualTo("no answer within 1 s"));
        // The timeout is a timer (CancelAfter) on the runtime's coarse tick clock, the duration a Stopwatch read in whole
        // milliseconds: the timer may fire up to one tick of the coarse clock (1-10 ms on Linux, HZ-dependent) before the
        // Stopwatch says a full second has passed (a CI run recorded 999 ms). A sender that did not wait would record ~0.
        Assert.That(first["duration_ms"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(1000 - 20), "it waited the timeout");
        Assert.That(attempts.Select(a => a!["attempt"]!.GetValue<int>()), Is.EqualTo(Enumerable.Range(1, attempts.Count)), "each failed attempt was retried");
        Assert.That(attempts[^1]!["response_code"]!.GetValue<int>(), Is.EqualTo(200));
    }
}

/// <summary>
/// "Deliveries never block a request: they are sent by a background loop after commit." A receiver holds its call
/// unanswered (the sender's timeout is a minute) while the request that caused it and another write complete.
/// </summary>
public sealed class Deliveries_beside_requests : ApiFixture
{
    private WebhookReceiver _receiver = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:TimeoutSeconds"] = "60",
        ["Webhooks:PollSeconds"] = "0.05",
    };

    [SetUp]
    public async Task StartReceiver() => _receiver = await WebhookReceiver.StartAsync();

    [TearDown]
    public async Task StopReceiver()
    {
        _receiver.ReleaseAnswers();
        await _receiver.DisposeAsync();
    }

    [Test]
    public async Task A_delivery_the_receiver_holds_blocks_neither_the_placement_that_caused_it_nor_other_writes()
    {
        _receiver.HoldAnswers();
        var created = await Api.PostAsync("webhooks", Document("webhooks", new { name = "holds", topic = "orders.place", callback_url = _receiver.Url }));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        var first = await new CheckoutBuilder(Api).BuildAsync();
        var second = await new CheckoutBuilder(Api).BuildAsync();

        // Bounded: a placement that waited for its own delivery would never be answered while the receiver holds it.
        var placed = await Api.PlaceAsync(first.Id).WaitAsync(TimeSpan.FromSeconds(30));
        var held = await Eventually.TrueAsync(() => Task.FromResult(_receiver.Holding == 1), TimeSpan.FromSeconds(30));
        Assert.That(held, Is.True, "the receiver holds the first order's delivery");
        var secondPlaced = await Api.PlaceAsync(second.Id).WaitAsync(TimeSpan.FromSeconds(30));
        var stillHeld = _receiver.Holding;
        var customer = await Api.PostAsync("customers", Document("customers", new { email = $"{Guid.NewGuid():N}@example.com" })).WaitAsync(TimeSpan.FromSeconds(30));
        var heldThroughout = _receiver.Holding;

        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        Assert.That(secondPlaced.Status, Is.EqualTo(HttpStatusCode.OK), secondPlaced.ToString());
        Assert.That(customer.Status, Is.EqualTo(HttpStatusCode.Created), customer.ToString());
        Assert.That(stillHeld, Is.GreaterThanOrEqualTo(1), "the second placement was answered while the delivery was held");
        Assert.That(heldThroughout, Is.GreaterThanOrEqualTo(1), "another write was answered while the delivery was held");
        Assert.That(_receiver.Calls, Is.Empty, "nothing was answered yet");
        Assert.That(_receiver.Abandoned, Is.Zero, "the sender did not give up on the held call");

        _receiver.ReleaseAnswers();
        var delivered = await Eventually.TrueAsync(() => Task.FromResult(_receiver.Calls.Count(c => c.AnsweredWith == 200) == 2), TimeSpan.FromSeconds(30));
        Assert.That(delivered, Is.True, "both deliveries went out once the receiver answered");
    }
}
