using Commerce.Api.Persistence;
using Commerce.Domain.Fulfillment;

namespace Commerce.Api.Resources.Shipments;

internal sealed class ShipmentHandler(CommerceDbContext db) : ReadOnlyHandler<Shipment>("the service, when an order is placed")
{
    /// <summary>Integrations only (the access policy); no row scope.</summary>
    public override bool HidesNothing => true;

    public override IQueryable<Shipment> Query() => db.Shipments;
}
