namespace Commerce.Domain.Orders;

/// <summary>The topics an order records when it moves (webhook topics use the same names).</summary>
public static class OrderEvents
{
    /// <summary>The order was created (Commerce Layer's <c>orders.create</c>).</summary>
    public const string Created = "orders.create";
    public const string Placed = "orders.place";
    public const string Cancelled = "orders.cancel";
    public const string Approved = "orders.approve";
    public const string Captured = "orders.capture";
    public const string Refunded = "orders.refund";

    public static readonly string[] All = [Created, Placed, Cancelled, Approved, Captured, Refunded];
}
