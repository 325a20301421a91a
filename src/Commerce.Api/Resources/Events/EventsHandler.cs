using Commerce.Api.Outbox;
using Commerce.Api.Persistence;

namespace Commerce.Api.Resources.Events;

internal sealed class EventsHandler(CommerceDbContext db) : ReadOnlyHandler<OutboxEvent>("the service")
{
    /// <summary>Integrations only (the access policy); no row scope.</summary>
    public override bool HidesNothing => true;

    public override IQueryable<OutboxEvent> Query() => db.OutboxEvents;
}
