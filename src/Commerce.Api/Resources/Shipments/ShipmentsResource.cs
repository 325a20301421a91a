using Commerce.Domain.Fulfillment;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources.Shipments;

/// <summary><c>shipments</c>: created by the outbox after an order is placed (read-only here).</summary>
internal static class ShipmentsResource
{
    public static void Define(ResourceGraphBuilder graph) => graph.Add<Shipment, ShipmentHandler>("shipments", s => s.Id, r => r
        .Describe("The shipment of a placed order: upcoming, or cancelled with its order.")
        .Offers(ResourceOperations.ReadOnly)
        .Attribute(s => s.Status, Can.Read | Can.Query, description: "upcoming or cancelled.")
        .Attribute(s => s.SkusCount, Can.Read | Can.Query)
        .WithTimestamps()
        .ToOne(s => s.Order, "orders")
        .ToOne(s => s.ShippingMethod, "shipping_methods")
        .ToOne(s => s.ShippingAddress, "addresses"));
}
