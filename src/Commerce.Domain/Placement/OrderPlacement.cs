using Commerce.Domain.Orders;

namespace Commerce.Domain.Placement;

/// <summary>
/// What placement says about an order. An extension, not a member of <see cref="Order"/>: the preconditions are placement's
/// (the aggregate knows its own transitions; placement knows what it takes to place), and the order does not depend on it.
/// </summary>
public static class OrderPlacement
{
    extension(Order order)
    {
        /// <summary>Every placement precondition holds except stock (which needs the host's numbers).</summary>
        public bool Placeable => PlacementPreconditions.Check(order, PlacementContext.WithoutStock).Count == 0;
    }
}
