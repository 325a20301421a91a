namespace Commerce.Domain.Orders;

/// <summary>Order <c>status</c> values, stored as these strings.</summary>
public static class OrderStatus
{
    public const string Draft = "draft";
    public const string Pending = "pending";
    public const string Placing = "placing";
    public const string Placed = "placed";
    public const string Approved = "approved";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [Draft, Pending, Placing, Placed, Approved, Cancelled];
}

/// <summary>Order <c>payment_status</c> values, stored as these strings.</summary>
public static class PaymentStatus
{
    public const string Unpaid = "unpaid";
    public const string Authorized = "authorized";
    public const string Paid = "paid";
    public const string Voided = "voided";
    public const string Refunded = "refunded";
    /// <summary>The order's total is zero: nothing to authorize.</summary>
    public const string Free = "free";

    public static IReadOnlyList<string> All { get; } = [Unpaid, Authorized, Paid, Voided, Refunded, Free];
}

/// <summary>Order <c>fulfillment_status</c> values, stored as these strings.</summary>
public static class FulfillmentStatus
{
    public const string Unfulfilled = "unfulfilled";
    public const string InProgress = "in_progress";
    public const string Fulfilled = "fulfilled";
    public const string NotRequired = "not_required";

    public static IReadOnlyList<string> All { get; } = [Unfulfilled, InProgress, Fulfilled, NotRequired];
}
