namespace Commerce.Domain.Orders;

/// <summary>The topics an order records when it moves (webhook topics use the same names).</summary>
public static class OrderEvents
{
    public const string Placed = "orders.place";
    public const string Cancelled = "orders.cancel";
    public const string Approved = "orders.approve";
    public const string Captured = "orders.capture";
    public const string Refunded = "orders.refund";

    public static readonly string[] All = [Placed, Cancelled, Approved, Captured, Refunded];
}
