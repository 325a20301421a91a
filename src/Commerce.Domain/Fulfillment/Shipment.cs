using Commerce.Domain.Common;
using Commerce.Domain.Orders;

namespace Commerce.Domain.Fulfillment;

/// <summary>The shipment of a placed order's goods: <c>upcoming</c> once placed, <c>cancelled</c> if the order is.</summary>
public sealed class Shipment : Entity
{
    private Shipment() => OrderId = Status = string.Empty;

    public Shipment(Order order)
    {
        OrderId = order.Id;
        ShippingMethodId = order.ShippingMethodId;
        ShippingAddressId = order.ShippingAddressId;
        SkusCount = order.LineItems.Where(l => !l.DoNotShip).Sum(l => l.Quantity);
        Status = ShipmentStatus.Upcoming;
    }

    public string OrderId { get; private set; }
    public Order? Order { get; private set; }
    public string? ShippingMethodId { get; private set; }
    public Catalog.ShippingMethod? ShippingMethod { get; private set; }
    public string? ShippingAddressId { get; private set; }
    public Address? ShippingAddress { get; private set; }
    public int SkusCount { get; private set; }
    public string Status { get; private set; }

    public void Cancel() => Status = ShipmentStatus.Cancelled;
}

public static class ShipmentStatus
{
    public const string Upcoming = "upcoming";
    public const string Cancelled = "cancelled";
}
