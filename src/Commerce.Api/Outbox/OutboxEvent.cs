using Commerce.Domain.Common;

namespace Commerce.Api.Outbox;

/// <summary>
/// Something that happened, written in the same transaction as the change it records, then delivered at
/// least once to every handler. Exposed read-only to integrations as <c>events</c>.
/// </summary>
public sealed class OutboxEvent
{
    private OutboxEvent() => Id = Topic = ResourceType = ResourceId = Status = string.Empty;

    public OutboxEvent(string topic, string resourceType, string resourceId, DateTimeOffset now)
    {
        Id = Commerce.Domain.Common.ResourceId.New();
        Topic = topic;
        ResourceType = resourceType;
        this.ResourceId = resourceId;
        Status = OutboxStatus.Pending;
        CreatedAt = NextAttemptAt = now;
    }

    public string Id { get; private set; }
    public string Topic { get; private set; }
    public string ResourceType { get; private set; }
    public string ResourceId { get; private set; }
    /// <summary><c>pending</c>, <c>done</c>, or <c>parked</c> (kept failing: see <see cref="LastError"/>).</summary>
    public string Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    /// <summary>The lease: the instance processing the event holds it until then.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }
    public string? LockedBy { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ProcessedAt { get; private set; }
}

public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Done = "done";
    public const string Parked = "parked";
}

/// <summary>A handler's effect of an event, committed in the same transaction as the effect: the effect happens once.</summary>
public sealed class HandledEvent
{
    public string EventId { get; set; } = string.Empty;
    public string Handler { get; set; } = string.Empty;
    /// <summary>The dispatcher instance that ran the effect.</summary>
    public string Instance { get; set; } = string.Empty;
    public DateTimeOffset HandledAt { get; set; }
}
