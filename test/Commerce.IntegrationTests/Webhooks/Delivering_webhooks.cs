using System.Net;
using System.Text.Json.Nodes;
using Commerce.Api.Persistence;
using Commerce.Api.Webhooks;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commerce.IntegrationTests.Webhooks;

/// <summary>Webhooks: signed deliveries of events to a real receiver on loopback, retries and the circuit breaker.</summary>
public sealed class Delivering_webhooks : ApiFixture
{
    private WebhookReceiver _receiver = null!;
    private readonly CapturingLoggerProvider _logs = new();

    protected override Action<IWebHostBuilder>? Configure => builder => builder.ConfigureLogging(logging => logging.AddProvider(_logs));

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:BaseBackoffSeconds"] = "0.05",
        ["Webhooks:PollSeconds"] = "0.05",
        ["Webhooks:CircuitBreakerThreshold"] = "3",
    };

    [SetUp]
    public async Task StartReceiver() => _receiver = await WebhookReceiver.StartAsync();

    [TearDown]
    public async Task StopReceiver() => await _receiver.DisposeAsync();

    private WebhookSender Sender => Factory.Services.GetRequiredService<WebhookSender>();

    /// <summary>Makes the webhook's pending deliveries due now (instead of waiting out their backoff); returns how many.</summary>
    private async Task<int> MakeDeliveriesDueAsync(string webhookId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var now = DateTimeOffset.UtcNow.AddSeconds(-1);
        return await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().WebhookDeliveries
            .Where(d => d.WebhookId == webhookId && d.Status == WebhookDeliveryStatus.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.NextAttemptAt, now));
    }

    private async Task<(string Id, string Secret)> RegisterAsync(string topic, params string[] include)
    {
        var created = await Api.PostAsync("webhooks", Document("webhooks", new { name = "test", topic, callback_url = _receiver.Url, include_resources = include }));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        return (created.Id, created.Attributes["shared_secret"]!.GetValue<string>());
    }

    private async Task DisableAllWebhooksAsync()
    {
        foreach (var webhook in (await Api.GetAsync("webhooks?page[size]=25")).Data.AsArray())
        {
            var id = webhook!["id"]!.GetValue<string>();
            await Api.PatchAsync($"webhooks/{id}", Document("webhooks", new { disabled_at = "2020-01-01T00:00:00Z" }, id: id));
        }
    }

    /// <summary>
    /// The receiver counts a call when it answers; the sender records the attempt as an event callback only after
    /// reading that answer, so a test that saw the call waits for the record before it reads it.
    /// </summary>
    private async Task<ApiResponse> CallbacksOnceRecordedAsync(string path, int count)
    {
        ApiResponse callbacks = null!;
        var recorded = await Eventually.TrueAsync(async () => (callbacks = await Api.GetAsync(path)).Data.AsArray().Count >= count);
        Assert.That(recorded, Is.True, $"{count} event callback(s) recorded within 10 s");
        return callbacks;
    }

    [Test]
    public async Task A_webhook_receives_a_signed_orders_place_delivery_with_the_order_document()
    {
        await DisableAllWebhooksAsync();
        var (id, secret) = await RegisterAsync("orders.place", "line_items");
        var order = await new CheckoutBuilder(Api).BuildAsync();

        await Api.PlaceAsync(order.Id);
        var arrived = await Eventually.TrueAsync(() => Task.FromResult(_receiver.Calls.Count == 1));

        Assert.That(arrived, Is.True);
        var call = _receiver.Calls[0];
        Assert.That(WebhookReceiver.SignatureIsValid(call, secret), Is.True, "the HMAC-SHA256 signature checks out");
        Assert.That(call.Topic, Is.EqualTo("orders.place"));
        var document = JsonNode.Parse(call.Body)!;
        Assert.That(document["data"]!["id"]!.GetValue<string>(), Is.EqualTo(order.Id));
        Assert.That(document["data"]!["attributes"]!["status"]!.GetValue<string>(), Is.EqualTo("placed"));
        Assert.That(document["included"]!.AsArray().Select(i => i!["type"]!.GetValue<string>()), Is.Not.Empty.And.All.EqualTo("line_items"));
        var callbacks = await CallbacksOnceRecordedAsync($"webhooks/{id}/event_callbacks", count: 1);
        Assert.That(callbacks.Data[0]!["attributes"]!["response_code"]!.GetValue<int>(), Is.EqualTo(200));
    }

    [Test]
    public async Task The_shared_secret_is_shown_once()
    {
        var (id, secret) = await RegisterAsync("orders.cancel");

        var read = await Api.GetAsync($"webhooks/{id}");

        Assert.That(secret, Has.Length.EqualTo(64));
        Assert.That(read.Attributes["shared_secret"], Is.Null);
    }

    [Test]
    public async Task A_failing_receiver_gets_retries_until_it_answers_and_every_attempt_is_recorded()
    {
        await DisableAllWebhooksAsync();
        _receiver.Answer = n => n <= 2 ? 500 : 200;
        var (id, secret) = await RegisterAsync("orders.place");
        var order = await new CheckoutBuilder(Api).BuildAsync();

        await Api.PlaceAsync(order.Id);
        var delivered = await Eventually.TrueAsync(() => Task.FromResult(_receiver.Calls.Any(c => c.AnsweredWith == 200)));
        var callbacks = await CallbacksOnceRecordedAsync($"event_callbacks?filter[q][webhook_id_eq]={id}&sort=attempt", count: 3);

        Assert.That(delivered, Is.True);
        Assert.That(_receiver.Calls.Select(c => c.Attempt), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(_receiver.Calls.All(c => WebhookReceiver.SignatureIsValid(c, secret)), Is.True);
        Assert.That(callbacks.Data.AsArray().Select(c => c!["attributes"]!["response_code"]!.GetValue<int>()), Is.EqualTo(new[] { 500, 500, 200 }));
        Assert.That((await Api.GetAsync($"webhooks/{id}")).Attributes["circuit_state"]!.GetValue<string>(), Is.EqualTo("closed"));
    }

    [Test]
    public async Task The_circuit_opens_after_repeated_failures_and_reset_starts_deliveries_again()
    {
        await DisableAllWebhooksAsync();
        _receiver.Answer = _ => 500;
        var (id, _) = await RegisterAsync("orders.place");
        var order = await new CheckoutBuilder(Api).BuildAsync();

        await Api.PlaceAsync(order.Id);
        var opened = await Eventually.TrueAsync(async () => (await Api.GetAsync($"webhooks/{id}")).Attributes["circuit_state"]!.GetValue<string>() == "open");
        Assert.That(opened, Is.True);
        // Not a wait for the backoff to pass: the pending delivery is made due now, and a pass of the sender runs.
        var due = await MakeDeliveriesDueAsync(id);
        var sent = await Sender.SendDueAsync(CancellationToken.None);

        Assert.That(due, Is.EqualTo(1), "the delivery is pending, due now");
        Assert.That(sent, Is.Zero, "a pass sends nothing to an open circuit");
        Assert.That(_receiver.Calls, Has.Count.EqualTo(3), "no call after the circuit opened");

        _receiver.Answer = _ => 200;
        var reset = await Api.PatchAsync($"webhooks/{id}", Document("webhooks", new { _reset_circuit = true }, id: id));
        var resumed = await Eventually.TrueAsync(() => Task.FromResult(_receiver.Calls.Any(c => c.AnsweredWith == 200)));

        Assert.That(reset.Attributes["circuit_state"]!.GetValue<string>(), Is.EqualTo("closed"));
        Assert.That(resumed, Is.True, "the pending delivery went out after the reset");
    }

    [Test]
    public async Task Webhooks_validate_topic_and_url()
    {
        var response = await Api.PostAsync("webhooks", Document("webhooks", new { topic = "orders.explode", callback_url = "ftp://x", include_resources = new[] { "nope" } }));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(response.ErrorPointers, Is.EquivalentTo(new[] { "/data/attributes/topic", "/data/attributes/callback_url", "/data/attributes/include_resources" }));
    }

    [Test]
    public async Task A_failed_delivery_is_logged_with_what_went_wrong()
    {
        await DisableAllWebhooksAsync();
        var unreachable = $"http://127.0.0.1:{ServiceProcess.FreePort()}/hooks";
        var created = await Api.PostAsync("webhooks", Document("webhooks", new { name = "nobody listens", topic = "orders.place", callback_url = unreachable }));
        var order = await new CheckoutBuilder(Api).BuildAsync();

        await Api.PlaceAsync(order.Id);
        var logged = await Eventually.TrueAsync(() => Task.FromResult(_logs.Entries.Any(e => e.Category.EndsWith("WebhookSender", StringComparison.Ordinal)
            && e.Level == LogLevel.Warning && e.Text.Contains(created.Id, StringComparison.Ordinal))));

        Assert.That(logged, Is.True, "the failed attempt was logged");
        var line = _logs.Entries.First(e => e.Level == LogLevel.Warning && e.Text.Contains(created.Id, StringComparison.Ordinal));
        Assert.That(line.Text, Does.Not.Contain("(null)").And.Contain("could not be reached"));
    }
}
