using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Webhooks;

/// <summary>
/// Deliveries as a receiver written for Commerce Layer expects them: <c>X-CommerceLayer-Topic</c>, <c>X-CommerceLayer-Signature</c>
/// (base64 of the HMAC-SHA256 of the body, verified here as Commerce Layer's documentation does it), and its topics
/// <c>orders.create</c> and <c>customers.create</c>.
/// </summary>
public sealed class Commerce_Layer_webhooks : ApiFixture
{
    private WebhookReceiver _receiver = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:BaseBackoffSeconds"] = "0.05",
        ["Webhooks:PollSeconds"] = "0.05",
    };

    [SetUp]
    public async Task StartReceiver() => _receiver = await WebhookReceiver.StartAsync();

    [TearDown]
    public async Task StopReceiver()
    {
        // Each test subscribes anew: the earlier subscriptions stop.
        foreach (var webhook in (await Api.GetAsync("webhooks?page[size]=25")).Data.AsArray())
        {
            var id = webhook!["id"]!.GetValue<string>();
            await Api.PatchAsync($"webhooks/{id}", Document("webhooks", new { disabled_at = "2020-01-01T00:00:00Z" }, id: id));
        }
        await _receiver.DisposeAsync();
    }

    private async Task<string> SubscribeAsync(string topic)
    {
        var created = await Api.PostAsync("webhooks", Document("webhooks", new { name = topic, topic, callback_url = _receiver.Url }));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        return created.Attributes["shared_secret"]!.GetValue<string>();
    }

    /// <summary>What Commerce Layer's documentation tells a receiver to compute: base64(HMAC-SHA256(secret, raw body)).</summary>
    private static bool CommerceLayerSignatureIsValid(WebhookReceiver.Received call, string secret) =>
        call.Headers.TryGetValue("X-CommerceLayer-Signature", out var signature)
        && CryptographicOperations.FixedTimeEquals(
            Convert.FromBase64String(signature),
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(call.Body)));

    private async Task<WebhookReceiver.Received> FirstCallAsync()
    {
        var arrived = await Eventually.TrueAsync(() => Task.FromResult(_receiver.Calls.Count >= 1));
        Assert.That(arrived, Is.True, "a delivery arrived within 10 s");
        return _receiver.Calls[0];
    }

    [Test]
    public async Task An_orders_create_delivery_carries_Commerce_Layer_s_topic_and_signature_headers()
    {
        var secret = await SubscribeAsync("orders.create");

        var order = await Api.PostAsync("orders", Document("orders", new { currency_code = "EUR" }));
        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.Created), order.ToString());
        var call = await FirstCallAsync();

        Assert.That(call.Headers["X-CommerceLayer-Topic"], Is.EqualTo("orders.create"));
        Assert.That(CommerceLayerSignatureIsValid(call, secret), Is.True, "base64 HMAC-SHA256 of the body with the shared secret");
        Assert.That(CommerceLayerSignatureIsValid(call, secret + "x"), Is.False, "another secret does not verify");
        Assert.That(WebhookReceiver.SignatureIsValid(call, secret), Is.True, "our own X-Commerce-Signature is still sent");
        Assert.That(JsonNode.Parse(call.Body)!["data"]!["id"]!.GetValue<string>(), Is.EqualTo(order.Id));
    }

    [Test]
    public async Task A_new_customer_is_delivered_on_customers_create()
    {
        var secret = await SubscribeAsync("customers.create");

        var customer = await Api.PostAsync("customers", Document("customers", new { email = $"{Guid.NewGuid():N}@example.com" }));
        Assert.That(customer.Status, Is.EqualTo(HttpStatusCode.Created), customer.ToString());
        var call = await FirstCallAsync();

        Assert.That(call.Headers["X-CommerceLayer-Topic"], Is.EqualTo("customers.create"));
        Assert.That(CommerceLayerSignatureIsValid(call, secret), Is.True);
        var document = JsonNode.Parse(call.Body)!;
        Assert.That(document["data"]!["type"]!.GetValue<string>(), Is.EqualTo("customers"));
        Assert.That(document["data"]!["id"]!.GetValue<string>(), Is.EqualTo(customer.Id));
    }

    [Test]
    public async Task A_customers_create_webhook_may_include_only_relationships_of_customers()
    {
        var refused = await Api.PostAsync("webhooks", Document("webhooks", new { topic = "customers.create", callback_url = _receiver.Url, include_resources = new[] { "line_items" } }));

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), refused.ToString());
        Assert.That(refused.Error["detail"]!.GetValue<string>(), Does.Contain("customers"));
    }
}
