using Commerce.Domain.Orders;

namespace Commerce.Domain.Payments;

/// <summary>Persistence port of <see cref="OrderPaymentService"/>.</summary>
public interface IOrderPaymentStore
{
    /// <summary>The order's succeeded authorization (its gateway reference is what void/capture/refund name); null when none.</summary>
    Task<PaymentTransaction?> FindSucceededAuthorizationAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>The order's authorizations that did not succeed, newest first.</summary>
    Task<IReadOnlyList<PaymentTransaction>> FindUnsucceededAuthorizationsAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>The order's oldest <c>pending</c> void, capture or refund; null when none.</summary>
    Task<PaymentTransaction?> FindPendingPaymentAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the order for one money movement and writes its <c>pending</c> transaction, committed together before the
    /// gateway is asked, while the stored order is at <paramref name="version"/> (the version the caller loaded it at); the
    /// stored version then goes up by one and the caller holds <c>version + 1</c>. False (nothing written) when the stored
    /// order changed since.
    /// </summary>
    Task<bool> TryBeginPaymentAsync(Order order, int version, PaymentTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Inserts or updates a transaction (written <c>pending</c> before the gateway is asked).</summary>
    Task SaveTransactionAsync(PaymentTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Saves the order (version-checked: stored at <paramref name="version"/>, the one the claim left) and the finished transaction together.</summary>
    Task SaveAsync(Order order, int version, PaymentTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a transaction that was pending, now finished, with the order when given, together — only if the stored
    /// transaction is still <c>pending</c> and the stored order is at <paramref name="version"/> (as loaded; not read without an
    /// order). False (nothing saved) otherwise: another instance settled it first, or the order moved on.
    /// </summary>
    Task<bool> TrySettleAsync(Order? order, int version, PaymentTransaction transaction, CancellationToken cancellationToken);
}

/// <summary>How <see cref="OrderPaymentService.SettleAsync"/> left a pending void, capture or refund.</summary>
public enum SettleOutcome
{
    /// <summary>Not pending any more (another instance settled it), or not a void, capture or refund.</summary>
    NothingToDo,
    /// <summary>The gateway approved it: the transaction succeeded (and the order changed, when it was the order's own).</summary>
    Succeeded,
    /// <summary>The gateway declined or refused, or the order had moved on: the transaction failed, the order is unchanged.</summary>
    Failed,
    /// <summary>The order is still <c>placing</c>: the placement reconciler settles it first; asked again next pass.</summary>
    Deferred,
}

/// <summary>
/// <c>_cancel</c> (void), <c>_capture</c> and <c>_refund</c> through the order's gateway. Each checks the
/// order first (status errors before any money moves), refuses while another void, capture or refund of the order
/// is pending (<see cref="PaymentInProgressException"/>, 409), claims the order and writes a pending transaction
/// (one commit), asks the gateway (no gateway, e.g. wire transfers, or nothing authorized: succeeds at once), then
/// changes the order. A gateway that declines → <see cref="PaymentDeclinedException"/>; refuses →
/// <see cref="PaymentGatewayException"/>; in both cases the order is unchanged and the failed transaction is saved. A
/// gateway that gives no answer (<see cref="GatewayResult.MayHaveActed"/>, or a throw) → <see cref="PaymentGatewayException"/>
/// with <c>Released</c> false: the transaction stays pending, as a crash would leave it. A transaction left <c>pending</c>
/// is finished by <see cref="SettleAsync"/>.
/// </summary>
public sealed class OrderPaymentService(IOrderPaymentStore store, IPaymentGatewayResolver gateways, TimeProvider timeProvider)
{
    /// <summary>placed/approved → cancelled, voiding the authorization; null when nothing was authorized (free order).</summary>
    public async Task<PaymentTransaction?> CancelAsync(Order order, int version, CancellationToken cancellationToken = default)
    {
        order.EnsureCanCancel();
        if (order.PaymentStatus != PaymentStatus.Authorized)
        {
            order.Cancel(timeProvider.GetUtcNow());
            return null;
        }

        return await RunAsync(order, version, TransactionKind.Void, cancellationToken);
    }

    /// <summary>authorized → paid.</summary>
    public async Task<PaymentTransaction> CaptureAsync(Order order, int version, CancellationToken cancellationToken = default)
    {
        order.EnsureCanCapture();
        return await RunAsync(order, version, TransactionKind.Capture, cancellationToken);
    }

    /// <summary>paid → refunded, order cancelled.</summary>
    public async Task<PaymentTransaction> RefundAsync(Order order, int version, CancellationToken cancellationToken = default)
    {
        order.EnsureCanRefund();
        return await RunAsync(order, version, TransactionKind.Refund, cancellationToken);
    }

    private async Task<PaymentTransaction> RunAsync(Order order, int version, string kind, CancellationToken cancellationToken)
    {
        var gateway = gateways.Resolve(order.PaymentMethod?.Gateway);
        var authorization = await store.FindSucceededAuthorizationAsync(order.Id, cancellationToken);
        // One money movement of an order at a time: a retry of a movement still pending (in flight, or cut off by a
        // crash until the reconciler settles it) must not become a second one under a new idempotency key.
        if (await store.FindPendingPaymentAsync(order.Id, cancellationToken) is { } pending)
            throw new PaymentInProgressException(pending.ResourceType, pending.Id);
        var transaction = PaymentTransaction.Begin(kind, order.Id, order.AmountToAuthorizeCents, order.CurrencyCode, timeProvider.GetUtcNow());
        if (!await store.TryBeginPaymentAsync(order, version, transaction, cancellationToken))
            throw new PaymentInProgressException(null, null);

        var result = await AskAsync(gateway, authorization, order, transaction, cancellationToken);
        var now = timeProvider.GetUtcNow();
        switch (result.Outcome)
        {
            case GatewayOutcome.Approved:
                Apply(order, kind, now);
                transaction.MarkSucceeded(string.IsNullOrEmpty(result.GatewayReference) ? null : result.GatewayReference, result.Message, now);
                // The claim moved the stored version up by one: the order is saved at the version this request now holds.
                await store.SaveAsync(order, version + 1, transaction, CancellationToken.None);
                return transaction;
            case GatewayOutcome.Declined:
                transaction.MarkFailed(PaymentDeclinedException.ErrorCode, result.Message, now);
                await store.SaveTransactionAsync(transaction, CancellationToken.None);
                throw new PaymentDeclinedException(result.Message ?? "declined");
            case GatewayOutcome.Failed when result.MayHaveActed:
                // The gateway may have moved the money: the transaction stays pending, so that no retry moves it a second
                // time under a new key (a retry is refused while it is pending), and the reconciler settles it with its own
                // key once it is older than the reconcile age, as it settles one a crash cut off.
                throw NotAnswered(result, kind);
            default:
                transaction.MarkFailed(PaymentGatewayException.ErrorCode, result.Message, now);
                await store.SaveTransactionAsync(transaction, CancellationToken.None);
                throw new PaymentGatewayException(result.Message ?? "gateway failure", result.TimedOut, movement: kind);
        }
    }

    /// <summary>
    /// Finishes a void, capture or refund a crash left <c>pending</c> (the gateway may have moved the money; the order
    /// was not changed), exactly as its request would have: the order's gateway is asked again with the transaction's
    /// own idempotency key and the authorization's reference, so it answers what it answered the first time (or acts
    /// now, once, if the first call never reached it). Approved → the order changes (same domain method as the request)
    /// and the transaction succeeds, saved together; declined or failed → the transaction fails, the order is unchanged.
    /// The save happens only while the transaction is still pending and the order as loaded, so two instances never
    /// both settle it. An order that moved on so that the movement no longer applies is left alone (the gateway is not
    /// asked again) and the transaction fails.
    /// A void written by a placement to release an authorization (a void of an order that was not placed when it was
    /// written) changes no order: it is asked again for the authorization the gateway holds under one of the order's
    /// unsucceeded authorizations' keys, and recorded.
    /// </summary>
    public async Task<SettleOutcome> SettleAsync(Order order, int version, PaymentTransaction pending, CancellationToken cancellationToken = default)
    {
        if (pending is not { Status: TransactionStatus.Pending, Kind: TransactionKind.Void or TransactionKind.Capture or TransactionKind.Refund }
            || pending.OrderId != order.Id)
            return SettleOutcome.NothingToDo;
        if (order.Status == OrderStatus.Placing)
            return SettleOutcome.Deferred;

        var gateway = gateways.Resolve(order.PaymentMethod?.Gateway);
        if (pending.Kind == TransactionKind.Void && (order.PlacedAt is not { } placedAt || pending.CreatedAt < placedAt))
            return await SettleReleaseAsync(gateway, order, version, pending, cancellationToken);

        if (!Applies(order, pending.Kind))
        {
            pending.MarkFailed(PaymentGatewayException.ErrorCode,
                $"not settled after an interruption: the order moved on (status {order.Status}, payment_status {order.PaymentStatus}); the gateway was not asked again",
                timeProvider.GetUtcNow());
            return await store.TrySettleAsync(null, version, pending, CancellationToken.None) ? SettleOutcome.Failed : SettleOutcome.NothingToDo;
        }

        var authorization = await store.FindSucceededAuthorizationAsync(order.Id, cancellationToken);
        var result = await AskAsync(gateway, authorization, order, pending, cancellationToken);
        if (result.MayHaveActed)
            throw NotAnswered(result, pending.Kind);
        var now = timeProvider.GetUtcNow();
        if (result.IsApproved)
        {
            Apply(order, pending.Kind, now);
            pending.MarkSucceeded(string.IsNullOrEmpty(result.GatewayReference) ? null : result.GatewayReference,
                Settled(result.Message), now);
            return await store.TrySettleAsync(order, version, pending, CancellationToken.None) ? SettleOutcome.Succeeded : SettleOutcome.NothingToDo;
        }

        pending.MarkFailed(result.Outcome == GatewayOutcome.Declined ? PaymentDeclinedException.ErrorCode : PaymentGatewayException.ErrorCode,
            Settled(result.Message), now);
        return await store.TrySettleAsync(null, version, pending, CancellationToken.None) ? SettleOutcome.Failed : SettleOutcome.NothingToDo;
    }

    /// <summary>A placement's release void: asked again (same key) for the authorization the gateway holds for the order, if any.</summary>
    private async Task<SettleOutcome> SettleReleaseAsync(IPaymentGateway? gateway, Order order, int version, PaymentTransaction pending, CancellationToken cancellationToken)
    {
        GatewayAuthorization? held = null;
        if (gateway is not null)
        {
            foreach (var authorization in await store.FindUnsucceededAuthorizationsAsync(order.Id, cancellationToken))
            {
                held = await gateway.FindAuthorizationAsync(authorization.IdempotencyKey, cancellationToken);
                if (held is not null)
                    break;
            }
        }

        var now = timeProvider.GetUtcNow();
        if (gateway is null || held is null)
            pending.MarkFailed(PaymentGatewayException.ErrorCode, "settled after an interruption: the gateway holds no unsucceeded authorization of the order to void", now);
        else
        {
            var result = await gateway.VoidAsync(
                new GatewayRequest(order.Id, pending.AmountCents, pending.CurrencyCode, null, pending.IdempotencyKey, held.GatewayReference), cancellationToken);
            if (result.MayHaveActed)
                throw NotAnswered(result, pending.Kind);
            now = timeProvider.GetUtcNow();
            if (result.IsApproved)
                pending.MarkSucceeded(result.GatewayReference, Settled(result.Message), now);
            else
                pending.MarkFailed(PaymentGatewayException.ErrorCode, Settled(result.Message), now);
        }

        return await store.TrySettleAsync(null, version, pending, CancellationToken.None)
            ? pending.Succeeded ? SettleOutcome.Succeeded : SettleOutcome.Failed
            : SettleOutcome.NothingToDo;
    }

    /// <summary>
    /// A movement the gateway gave no answer to (timeout, 5xx, unreachable, a throw): whether the money moved is known only
    /// from the gateway's answer, so nothing is decided; the transaction stays pending and the reconciler asks again later.
    /// </summary>
    private static PaymentGatewayException NotAnswered(GatewayResult result, string kind) =>
        new(result.Message ?? "no answer", result.TimedOut, released: false, movement: kind);

    /// <summary>
    /// Asks the gateway to move the money (no gateway or nothing authorized: approved at once). A gateway that throws gave
    /// no answer: <see cref="GatewayResult.NoAnswer"/>, which the request and the settlement treat as any other no answer.
    /// The caller's own cancellation (a request aborted, the service stopping) passes through: nothing is recorded.
    /// </summary>
    private static async Task<GatewayResult> AskAsync(
        IPaymentGateway? gateway, PaymentTransaction? authorization, Order order, PaymentTransaction transaction, CancellationToken cancellationToken)
    {
        if (gateway is null || authorization?.GatewayReference is null)
            return GatewayResult.Approved(authorization?.GatewayReference ?? "", "no gateway: done at once");
        var request = new GatewayRequest(order.Id, transaction.AmountCents, transaction.CurrencyCode, null, transaction.IdempotencyKey, authorization.GatewayReference);
        try
        {
            return await gateway.MoveAsync(transaction.Kind, request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return GatewayResult.NoAnswer("the gateway threw " + ex.GetType().Name, ex is OperationCanceledException);
        }
    }

    /// <summary>A settlement's message: the gateway's, marked as such and bounded (it is saved by a statement that does not check lengths).</summary>
    private static string Settled(string? message)
    {
        var text = "settled after an interruption: " + (message ?? "no message");
        return text.Length <= 1000 ? text : text[..1000];
    }

    /// <summary>Whether the order is still where <paramref name="kind"/> moves it from.</summary>
    private static bool Applies(Order order, string kind) =>
        order.Status is OrderStatus.Placed or OrderStatus.Approved
        && order.PaymentStatus == (kind == TransactionKind.Refund ? PaymentStatus.Paid : PaymentStatus.Authorized);

    private static void Apply(Order order, string kind, DateTimeOffset now)
    {
        switch (kind)
        {
            case TransactionKind.Void:
                order.Cancel(now);
                break;
            case TransactionKind.Capture:
                order.Capture(now);
                break;
            default:
                order.Refund(now);
                break;
        }
    }
}
