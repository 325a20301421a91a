using System.Security.Cryptography;
using Commerce.Api.Hosting;
using Commerce.Api.Outbox;
using Commerce.Api.Persistence;
using Commerce.Domain.Orders;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Webhooks;

/// <summary><c>webhooks</c> and <c>event_callbacks</c>: integrations only (the access policy gives other roles nothing).</summary>
internal static class WebhooksResource
{
    public const string ResetCircuit = "_reset_circuit";

    public static void Define(ResourceGraphBuilder graph)
    {
        graph.Add<Webhook>("webhooks", w => w.Id, r => r
            .Describe("Calls a URL of yours, signed, whenever an event of its topic happens.")
            .Attribute(w => w.Name, Can.All)
            .Attribute(w => w.Topic, Can.All, description: $"One of {string.Join(", ", OrderEvents.All)}.")
            .Attribute(w => w.CallbackUrl, Can.Read | Can.Write, description: "An absolute http(s) URL.")
            .Attribute(w => w.IncludeResources, Can.Read | Can.Write, description: "Relationships to include in the payload, e.g. [\"line_items\"].")
            .Computed("shared_secret", w => w.SecretToReveal,
                "Signs every delivery: X-Commerce-Signature: sha256=<hex HMAC-SHA256 of the body>. Shown once, when the webhook is created.")
            .Attribute(w => w.CircuitState, Can.Read | Can.Query, description: "closed, or open after repeated failures (reset with _reset_circuit).")
            .Attribute(w => w.CircuitFailureCount, Can.Read)
            .Attribute(w => w.DisabledAt, Can.All)
            .WithTimestamps()
            .Loaded<EventCallback>("event_callbacks", "event_callbacks", c => c.WebhookId, async (services, w, ct) =>
                await services.GetRequiredService<CommerceDbContext>().EventCallbacks.AsNoTracking()
                    .Where(c => c.WebhookId == ((Webhook)w).Id).OrderByDescending(c => c.CreatedAt).Take(25).ToListAsync(ct))
            .Trigger<bool>(ResetCircuit, "Closes an open circuit: deliveries start again."));

        graph.Add<EventCallback>("event_callbacks", c => c.Id, r => r
            .Describe("One attempt to call a webhook, with what the receiver answered.")
            .Offers(ResourceOperations.ReadOnly)
            .Attribute(c => c.Topic, Can.Read | Can.Query)
            .Attribute(c => c.CallbackUrl, Can.Read)
            .Attribute(c => c.Attempt, Can.Read | Can.Query)
            .Attribute(c => c.ResponseCode, Can.Read | Can.Query)
            .Computed("succeeded", c => c.Succeeded)
            .Attribute(c => c.Error, Can.Read)
            .Attribute(c => c.DurationMs, Can.Read)
            .Attribute(c => c.WebhookId, Can.Read | Can.Query)
            .WithTimestamps());
    }
}

internal sealed class WebhookRepository(CommerceDbContext db, IValidator<Webhook> validator) : EntityRepository<Webhook>(db, validator)
{
    /// <summary>Integrations only (the access policy); no row scope.</summary>
    public override bool HidesNothing => true;

    protected override Task<Webhook> NewAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        input.Require("topic", "callback_url");
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var webhook = new Webhook(input.Attributes.GetValueOrDefault("name") as string ?? (string)input.Attributes["topic"]!,
            (string)input.Attributes["topic"]!, (string)input.Attributes["callback_url"]!, secret);
        return Task.FromResult(webhook);
    }

    protected override Task ApplyAsync(Webhook resource, ResourceInput input, CancellationToken cancellationToken)
    {
        if (input.TryGetAttribute<List<string>?>("include_resources", out var include))
            resource.IncludeResources = include ?? [];
        if (input.HasTrigger(WebhooksResource.ResetCircuit))
            resource.ResetCircuit();
        return Task.CompletedTask;
    }
}

internal sealed class WebhookValidator : AbstractValidator<Webhook>
{
    public WebhookValidator(Commerce.JsonApi.Resources.ResourceGraph graph)
    {
        RuleFor(w => w.Name).NotEmpty().MaximumLength(256);
        RuleFor(w => w.Topic).Must(t => OrderEvents.All.Contains(t)).WithMessage($"topic must be one of {string.Join(", ", OrderEvents.All)}.");
        RuleFor(w => w.CallbackUrl).Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            .WithMessage("callback_url must be an absolute http(s) URL.");
        RuleForEach(w => w.IncludeResources).Must(path => IsIncludable(graph, path))
            .WithMessage("'{PropertyValue}' is not a relationship path of orders.");
    }

    private static bool IsIncludable(Commerce.JsonApi.Resources.ResourceGraph graph, string path)
    {
        var resource = graph.Find("orders");
        foreach (var segment in path.Split('.'))
        {
            var relationship = resource?.FindRelationship(segment);
            if (relationship is null)
                return false;
            resource = graph.Find(relationship.TargetTypes[0]);
        }
        return true;
    }
}

internal sealed class EventCallbackRepository(CommerceDbContext db) : ReadOnlyRepository<EventCallback>("the webhook sender")
{
    /// <summary>Integrations only (the access policy); no row scope.</summary>
    public override bool HidesNothing => true;

    public override IQueryable<EventCallback> Query() => db.EventCallbacks;
}

/// <summary>The outbox handler that queues one delivery per webhook subscribed to the event's topic.</summary>
internal sealed class WebhookFanout : IEventHandler
{
    public string Name => "webhooks.fanout";

    public bool Handles(string topic) => true;

    public async Task HandleAsync(OutboxEvent outboxEvent, CommerceDbContext db, CancellationToken cancellationToken)
    {
        var webhooks = await db.Webhooks.Where(w => w.Topic == outboxEvent.Topic && w.DisabledAt == null).Select(w => w.Id).ToListAsync(cancellationToken);
        foreach (var webhookId in webhooks)
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                WebhookId = webhookId,
                EventId = outboxEvent.Id,
                Topic = outboxEvent.Topic,
                ResourceType = outboxEvent.ResourceType,
                ResourceId = outboxEvent.ResourceId,
                CreatedAt = outboxEvent.CreatedAt,
                NextAttemptAt = outboxEvent.CreatedAt,
            });
        }
    }
}
