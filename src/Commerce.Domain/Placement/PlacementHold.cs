using Commerce.Domain.Common;

namespace Commerce.Domain.Placement;

/// <summary>The life of a <see cref="PlacementHold"/>: taken while placing, then committed or released, and a committed one maybe returned.</summary>
public static class PlacementHoldStatus
{
    /// <summary>Taken in the transaction that began placing (the order is <c>placing</c>).</summary>
    public const string Held = "held";
    /// <summary>Kept: committed in the transaction that placed the order.</summary>
    public const string Committed = "committed";
    /// <summary>Given back in the transaction that undid the placement (decline, gateway failure, reconciler).</summary>
    public const string Released = "released";
    /// <summary>Given back after the placed order was cancelled or refunded (exactly once, by the outbox).</summary>
    public const string Returned = "returned";
}

/// <summary>
/// Something a placement participant (a coupon's use, a promotion's use, a gift card's balance) took for an order while it
/// was placing: one row per thing and order, written in the compare-and-set's transaction together with the conditional
/// update that took it. Its status moves only with the order's own placement transitions (committed with the placed order,
/// released with the undone placement, returned after a cancel or refund), each by a conditional update from the status
/// before, so a hold is settled exactly once whoever settles it (the request, the reconciler, the outbox). Invariant: no
/// order that is not <c>placing</c> has a <see cref="PlacementHoldStatus.Held"/> hold.
/// </summary>
public sealed class PlacementHold : Entity
{
    private PlacementHold() => OrderId = Participant = TargetId = Status = string.Empty;

    /// <param name="orderId">The order being placed.</param>
    /// <param name="participant">The participant's stable name (e.g. <c>coupons</c>, <c>gift_cards</c>).</param>
    /// <param name="targetId">What was taken from: the coupon, promotion or gift card id.</param>
    /// <param name="amount">How much: 1 for a use, cents for a balance.</param>
    public PlacementHold(string orderId, string participant, string targetId, long amount)
    {
        ArgumentException.ThrowIfNullOrEmpty(orderId);
        ArgumentException.ThrowIfNullOrEmpty(participant);
        ArgumentException.ThrowIfNullOrEmpty(targetId);
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        OrderId = orderId;
        Participant = participant;
        TargetId = targetId;
        Amount = amount;
        Status = PlacementHoldStatus.Held;
    }

    public string OrderId { get; private set; }
    public string Participant { get; private set; }
    public string TargetId { get; private set; }
    public long Amount { get; private set; }
    public string Status { get; private set; }
}
