using Commerce.Domain.Orders;
using Commerce.Domain.Payments;

namespace Commerce.Domain.Placement;

/// <summary>
/// The persistence port of <see cref="PlacementService"/>. Each method is its own unit of work
/// (commits before returning), because the gateway call between them must not sit inside a
/// database transaction.
/// </summary>
public interface IPlacementStore
{
    /// <summary>
    /// Compare-and-set, atomic across processes: when the stored status of <paramref name="orderId"/>
    /// is <paramref name="expectedStatus"/>, store status <c>placing</c> and previous_status
    /// <paramref name="expectedStatus"/> and return true; otherwise change nothing and return false
    /// (another request won). E.g. <c>UPDATE orders SET status='placing', previous_status=@expected
    /// WHERE id=@id AND status=@expected</c> and check that one row changed.
    /// </summary>
    Task<bool> TryBeginPlacingAsync(string orderId, string expectedStatus, CancellationToken cancellationToken);

    /// <summary>Inserts or updates a transaction. Used to write the pending authorization before the gateway is called, and voids.</summary>
    Task SaveTransactionAsync(PaymentTransaction transaction, CancellationToken cancellationToken);

    /// <summary>The next order number: unique, increasing (a sequence; gaps allowed).</summary>
    Task<long> NextOrderNumberAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Saves the order (now <c>placed</c>) and its succeeded authorization together, while the stored order is as this
    /// actor loaded it (its version). False, and nothing saved, when another actor changed it meanwhile.
    /// </summary>
    Task<bool> CompleteAsync(Order order, PaymentTransaction authorization, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a failure onto an authorization while the stored one is still <c>pending</c> (else nothing): a placement that
    /// lost its order to another actor leaves its attempt failed, never pending for ever, and one that failed with
    /// <c>PAYMENT_GATEWAY_ERROR</c> is asked about again by the late-authorization sweep, which voids what the gateway holds.
    /// </summary>
    Task FailIfPendingAsync(string transactionId, string errorCode, string message, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the order back in its previous status (stored status := <c>order.Status</c>) and, when given,
    /// the failed authorization, together, and only while the stored order is still <c>placing</c> as this actor loaded it
    /// (its version) and the stored authorization still <c>pending</c>: an undo that comes after another actor settled the
    /// placement (a live request completing it while the reconciler took it for a crashed one, or another instance undoing
    /// it and the client placing again) changes nothing. Returns whether it undid the
    /// placement. The host decides whether other changes of the request are discarded (the contract says the whole
    /// request fails as one).
    /// </summary>
    Task<bool> AbortAsync(Order order, PaymentTransaction? authorization, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps the placement this request began before it releases what the gateway may hold: while the stored order is still
    /// <c>placing</c> as this request left it (its version), its version goes up and its <c>updated_at</c> is now, so a
    /// reconciler that loaded it before cannot complete it, and one that looks now takes it for live. False when another
    /// actor (the reconciler, taking it for a crashed placement) settled it meanwhile: then nothing may be released.
    /// </summary>
    Task<bool> RenewPlacingAsync(Order order, CancellationToken cancellationToken);

    /// <summary>The order's authorization still <c>pending</c> (newest first), for reconciliation; null when none.</summary>
    Task<PaymentTransaction?> FindPendingAuthorizationAsync(string orderId, CancellationToken cancellationToken);
}
