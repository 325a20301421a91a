using Commerce.Domain.Common;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;

namespace Commerce.Domain.Placement;

/// <summary>
/// The persistence port of <see cref="PlacementService"/>: plain data in and out, no domain exceptions. Each method is its
/// own unit of work (commits before returning), because the gateway call between them must not sit inside a database
/// transaction. The order is named by what the caller holds: the aggregate and the <c>version</c> its stored row had when
/// this actor loaded it (or last wrote it). Every version-checked write below changes nothing when the stored version is
/// another, and moves the stored version up by exactly one when it succeeds: the caller then holds <c>version + 1</c>.
/// </summary>
public interface IPlacementStore
{
    /// <summary>Units on hand of each of <paramref name="skuIds"/>; a SKU without stock is missing from the answer.</summary>
    Task<IReadOnlyDictionary<string, int>> FindStockAsync(IReadOnlyCollection<string> skuIds, CancellationToken cancellationToken);

    /// <summary>
    /// Compare-and-set, atomic across processes: when the stored order is at <paramref name="version"/> and its status is
    /// <paramref name="expectedStatus"/>, store status <c>placing</c>, previous_status <paramref name="expectedStatus"/>,
    /// updated_at now (the reconciler's age limit counts from it) and take the order's <see cref="Stock.UnitsOf"/> from
    /// stock, all in one transaction (each SKU by a conditional update: never below zero, whatever else is placed at the same
    /// time). When another actor changed the order, nothing changes: <see cref="BeginPlacing.Lost"/>. When a SKU no longer
    /// has enough, nothing changes either: <see cref="BeginPlacing.Short"/> with every SKU that is short. In the same
    /// transaction the host's placement participants take their holds (<see cref="PlacementHold"/>); a participant that
    /// cannot refuses, and nothing changes: <see cref="BeginPlacing.Refused"/>. When it begins, the same transaction also
    /// writes <paramref name="pendingAuthorization"/> (so it is committed before the gateway is asked, and a placement is
    /// never <c>placing</c> without one) and draws the order's number (<see cref="BeginPlacing.Number"/>: unique, increasing;
    /// a placement that does not complete leaves a gap).
    /// </summary>
    Task<BeginPlacing> TryBeginPlacingAsync(Order order, int version, string expectedStatus, PaymentTransaction pendingAuthorization, CancellationToken cancellationToken);

    /// <summary>Inserts or updates a transaction (a void's).</summary>
    Task SaveTransactionAsync(PaymentTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// The next order number, drawn for <paramref name="orderId"/>: unique, increasing (a sequence; gaps allowed). Only for a
    /// placement completed by the reconciler, whose number was drawn by a process that no longer runs.
    /// </summary>
    Task<long> NextOrderNumberAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the order (now <c>placed</c>) and its succeeded authorization together, and counts the order on its customer
    /// (first order: <c>acquired</c>, later ones: <c>repeat</c>), while the stored order is at <paramref name="version"/>.
    /// False, and nothing saved, when another actor changed it meanwhile.
    /// </summary>
    Task<bool> CompleteAsync(Order order, int version, PaymentTransaction authorization, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a failure onto an authorization while the stored one is still <c>pending</c> (else nothing): a placement that
    /// lost its order to another actor leaves its attempt failed, never pending for ever, and one that failed with
    /// <c>PAYMENT_GATEWAY_ERROR</c> is asked about again by the late-authorization sweep, which voids what the gateway holds.
    /// </summary>
    Task FailIfPendingAsync(string transactionId, string errorCode, string message, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the order back in its previous status (stored status := <c>order.Status</c>), gives the units it took back to
    /// stock and, when given, the failed authorization, together, and only while the stored order is still <c>placing</c> at
    /// <paramref name="version"/> and the stored authorization still <c>pending</c>: an undo that comes after another actor
    /// settled the placement (a live request completing it while the reconciler took it for a crashed one, or another instance
    /// undoing it and the client placing again) changes nothing. Returns whether it undid the placement. The host decides
    /// whether other changes of the request are discarded (the contract says the whole request fails as one).
    /// </summary>
    Task<bool> AbortAsync(Order order, int version, PaymentTransaction? authorization, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps the placement this request began before it releases what the gateway may hold: while the stored order is still
    /// <c>placing</c> at <paramref name="version"/>, its version goes up and its <c>updated_at</c> is now, so a reconciler
    /// that loaded it before cannot complete it, and one that looks now takes it for live. False when another actor (the
    /// reconciler, taking it for a crashed placement) settled it meanwhile: then nothing may be released.
    /// </summary>
    Task<bool> RenewPlacingAsync(string orderId, int version, CancellationToken cancellationToken);

    /// <summary>The order's authorization still <c>pending</c> (newest first), for reconciliation; null when none.</summary>
    Task<PaymentTransaction?> FindPendingAuthorizationAsync(string orderId, CancellationToken cancellationToken);
}

/// <summary>What <see cref="IPlacementStore.TryBeginPlacingAsync"/> did.</summary>
public sealed record BeginPlacing
{
    private BeginPlacing(bool begun, IReadOnlyList<StockShortage> shortages, IReadOnlyList<DomainFailure> refusals, long number = 0) =>
        (Begun, Shortages, Refusals, Number) = (begun, shortages, refusals, number);

    /// <summary>
    /// The order is <c>placing</c>, its units are taken, every participant's holds are taken and the pending authorization is
    /// written; <paramref name="number"/> is the order number drawn for it.
    /// </summary>
    public static BeginPlacing Started(long number) =>
        number > 0 ? new(true, [], [], number) : throw new ArgumentOutOfRangeException(nameof(number), "Order numbers are positive.");

    /// <summary>Another actor changed the order first: nothing changed.</summary>
    public static BeginPlacing Lost { get; } = new(false, [], []);

    /// <summary>Some SKU no longer has enough: nothing changed.</summary>
    public static BeginPlacing Short(IReadOnlyList<StockShortage> shortages) =>
        shortages.Count > 0 ? new(false, shortages, []) : throw new ArgumentException("A shortage names at least one SKU.", nameof(shortages));

    /// <summary>
    /// A placement participant could not take its hold (a coupon used up or expired meanwhile, a gift card's balance drawn by
    /// another order): nothing changed, and each failure says why at its member.
    /// </summary>
    public static BeginPlacing Refused(IReadOnlyList<DomainFailure> refusals) =>
        refusals.Count > 0 ? new(false, [], refusals) : throw new ArgumentException("A refusal names at least one failure.", nameof(refusals));

    public bool Begun { get; }

    /// <summary>The order number drawn for the placement when it began; 0 when it did not.</summary>
    public long Number { get; }

    /// <summary>Every SKU that is short; empty unless the placement was refused for stock.</summary>
    public IReadOnlyList<StockShortage> Shortages { get; }

    /// <summary>What placement participants refused; empty unless the placement was refused by one.</summary>
    public IReadOnlyList<DomainFailure> Refusals { get; }
}
