using Commerce.Api.Outbox;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources.Events;

/// <summary><c>events</c>: the outbox, read-only, for integrations: what happened and whether its effects ran (or are parked, and why).</summary>
internal static class EventsResource
{
    public static void Define(ResourceGraphBuilder graph) => graph.Add<OutboxEvent, EventsHandler>("events", e => e.Id, r => r
        .Describe("Something that happened (orders.place, orders.cancel, …) and the state of its asynchronous effects.")
        .Offers(ResourceOperations.ReadOnly)
        .Attribute(e => e.Topic, Can.Read | Can.Query)
        .Attribute(e => e.ResourceType, Can.Read | Can.Query)
        .Attribute(e => e.ResourceId, Can.Read | Can.Query)
        .Attribute(e => e.Status, Can.Read | Can.Query, description: "pending, done, or parked (kept failing).")
        .Attribute(e => e.Attempts, Can.Read | Can.Query)
        .Attribute(e => e.LastError, Can.Read)
        .Attribute(e => e.NextAttemptAt, Can.Read | Can.Query)
        .Attribute(e => e.ProcessedAt, Can.Read | Can.Query)
        .Attribute(e => e.CreatedAt, Can.Read | Can.Query)
        .DefaultSort(e => e.CreatedAt));
}
