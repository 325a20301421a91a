using System.Security.Cryptography;
using Commerce.Api.Persistence;
using Commerce.Api.Webhooks;
using Commerce.Domain.Orders;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.Webhooks;

/// <summary><c>webhooks</c> and <c>event_callbacks</c>: integrations only (the access policy gives other roles nothing).</summary>
internal static class WebhooksResource
{
    public const string ResetCircuit = "_reset_circuit";

    public static void Define(ResourceGraphBuilder graph)
    {
        graph.Add<Webhook, WebhookHandler>("webhooks", w => w.Id, r => r
            .Describe("Calls a URL of yours, signed, whenever an event of its topic happens.")
            .Attribute(w => w.Name, Can.All)
            .Attribute(w => w.Topic, Can.All, description: $"One of {string.Join(", ", WebhookTopics.All)}.")
            .Attribute(w => w.CallbackUrl, Can.Read | Can.Write, description: "An absolute http(s) URL.")
            .Attribute(w => w.IncludeResources, Can.Read | Can.Write, description: "Relationships to include in the payload, e.g. [\"line_items\"].")
            .Computed("shared_secret", w => w.SecretToReveal,
                "Signs every delivery: X-Commerce-Signature: sha256=<hex HMAC-SHA256 of the body>, and, as Commerce Layer signs, "
                + "X-CommerceLayer-Signature: <base64 HMAC-SHA256 of the body>. Shown once, when the webhook is created.")
            .Attribute(w => w.CircuitState, Can.Read | Can.Query, description: "closed, or open after repeated failures (reset with _reset_circuit).")
            .Attribute(w => w.CircuitFailureCount, Can.Read)
            .Attribute(w => w.DisabledAt, Can.All)
            .WithTimestamps()
            .Loaded<EventCallback>("event_callbacks", "event_callbacks", c => c.WebhookId, async (services, w, ct) =>
                await services.GetRequiredService<CommerceDbContext>().EventCallbacks.AsNoTracking()
                    .Where(c => c.WebhookId == ((Webhook)w).Id).OrderByDescending(c => c.CreatedAt).Take(25).ToListAsync(ct))
            .Trigger<bool>(ResetCircuit, "Closes an open circuit: deliveries start again."));

        graph.Add<EventCallback, EventCallbackHandler>("event_callbacks", c => c.Id, r => r
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
