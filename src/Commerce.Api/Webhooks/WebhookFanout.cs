using Commerce.Api.Outbox;
using Commerce.Api.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Webhooks;

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
