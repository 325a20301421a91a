using Commerce.Domain.Common;

namespace Commerce.Api.Webhooks;

/// <summary>
/// A subscription of an integration to a topic: every such event is POSTed to <see cref="CallbackUrl"/>,
/// signed with <see cref="SharedSecret"/>. After <see cref="WebhookOptions.CircuitBreakerThreshold"/>
/// failed deliveries in a row the circuit opens and deliveries wait until it is reset.
/// </summary>
public sealed class Webhook : Entity
{
    private Webhook() => Name = Topic = CallbackUrl = SharedSecret = CircuitState = string.Empty;

    public Webhook(string name, string topic, string callbackUrl, string sharedSecret)
    {
        Name = name;
        Topic = topic;
        CallbackUrl = callbackUrl;
        SharedSecret = sharedSecret;
        CircuitState = WebhookCircuit.Closed;
        _createdHere = true;
    }

    /// <summary>True only on the instance the create request built; a webhook read from the database never has it.</summary>
    private readonly bool _createdHere;

    public string Name { get; set; }
    public string Topic { get; set; }
    public string CallbackUrl { get; set; }
    /// <summary>Relationship paths to include in the payload, as in <c>include=</c>.</summary>
    public List<string> IncludeResources { get; set; } = [];
    /// <summary>Signs the deliveries (HMAC-SHA256). Returned once, in the answer to the create request.</summary>
    public string SharedSecret { get; private set; }
    /// <summary>The shared secret on the instance the create request built (its answer renders that instance), else null.</summary>
    public string? SecretToReveal => _createdHere ? SharedSecret : null;
    public string CircuitState { get; private set; }
    public int CircuitFailureCount { get; private set; }
    public DateTimeOffset? DisabledAt { get; set; }

    public bool IsOpen => CircuitState == WebhookCircuit.Open;

    public void RecordSuccess()
    {
        CircuitFailureCount = 0;
        CircuitState = WebhookCircuit.Closed;
    }

    public void RecordFailure(int threshold)
    {
        CircuitFailureCount++;
        if (CircuitFailureCount >= threshold)
            CircuitState = WebhookCircuit.Open;
    }

    /// <summary><c>_reset_circuit</c>: deliveries start again.</summary>
    public void ResetCircuit() => RecordSuccess();
}

public static class WebhookCircuit
{
    public const string Closed = "closed";
    public const string Open = "open";
}

/// <summary>One event to deliver to one webhook; retried with backoff until it succeeds or runs out of attempts.</summary>
public sealed class WebhookDelivery
{
    public string Id { get; set; } = Commerce.Domain.Common.ResourceId.New();
    public string WebhookId { get; set; } = string.Empty;
    public string EventId { get; set; } = string.Empty;
    public string Topic { get; set; } = string.Empty;
    public string ResourceType { get; set; } = string.Empty;
    public string ResourceId { get; set; } = string.Empty;
    /// <summary><c>pending</c>, <c>succeeded</c> or <c>failed</c> (out of attempts).</summary>
    public string Status { get; set; } = WebhookDeliveryStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public string? LockedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

public static class WebhookDeliveryStatus
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>Every attempt to call a webhook: <c>event_callbacks</c>, readable by integrations.</summary>
public sealed class EventCallback : Entity
{
    private EventCallback() => WebhookId = DeliveryId = CallbackUrl = Topic = string.Empty;

    public EventCallback(WebhookDelivery delivery, string callbackUrl, int attempt, int? responseCode, string? error, long durationMs)
    {
        WebhookId = delivery.WebhookId;
        DeliveryId = delivery.Id;
        Topic = delivery.Topic;
        CallbackUrl = callbackUrl;
        Attempt = attempt;
        ResponseCode = responseCode;
        Error = error;
        DurationMs = durationMs;
    }

    public string WebhookId { get; private set; }
    public string DeliveryId { get; private set; }
    public string Topic { get; private set; }
    public string CallbackUrl { get; private set; }
    public int Attempt { get; private set; }
    /// <summary>The receiver's HTTP status; null when it could not be reached or did not answer in time.</summary>
    public int? ResponseCode { get; private set; }
    public string? Error { get; private set; }
    public long DurationMs { get; private set; }
    public bool Succeeded => ResponseCode is >= 200 and < 300;
}

/// <summary>The <c>Webhooks</c> configuration section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>The API's public base, for the links inside payloads (default http://127.0.0.1:5000/api).</summary>
    public Uri PublicApiBase { get; set; } = new("http://127.0.0.1:5000/api");
    public double TimeoutSeconds { get; set; } = 5;
    /// <summary>Backoff between attempts: base × 2^(attempt-1), at most <see cref="MaxBackoffSeconds"/>.</summary>
    public double BaseBackoffSeconds { get; set; } = 1;
    public double MaxBackoffSeconds { get; set; } = 600;
    public int MaxAttempts { get; set; } = 10;
    /// <summary>Failed deliveries in a row that open a webhook's circuit (default 5).</summary>
    public int CircuitBreakerThreshold { get; set; } = 5;
    public double PollSeconds { get; set; } = 1;
}

/// <summary>The topics a webhook may subscribe to: the order's events, and the creation of a customer (Commerce Layer's names).</summary>
public static class WebhookTopics
{
    public static readonly string[] All = [.. Commerce.Domain.Orders.OrderEvents.All, Commerce.Api.Persistence.CommerceDbContext.CustomerCreatedTopic];

    /// <summary>The resource type a topic's payload is (<c>orders.place</c>: <c>orders</c>).</summary>
    public static string ResourceTypeOf(string topic) => topic.Split('.')[0];
}
