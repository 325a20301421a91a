using Commerce.Domain.Common;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;

namespace Commerce.Domain.Placement;

/// <summary>How a crashed placement was settled by <see cref="PlacementService.ReconcileAsync"/>.</summary>
public enum ReconcileOutcome
{
    /// <summary>The order was not in <c>placing</c>.</summary>
    NothingToDo,
    /// <summary>The gateway holds the authorization: the order is now placed.</summary>
    Completed,
    /// <summary>No money is held: the order is back in its previous status.</summary>
    Undone,
}

/// <summary>
/// Places orders exactly once.
/// <list type="number">
/// <item>Check every precondition, stock on hand included → <see cref="PlacementFailedException"/> (422) listing all failures.</item>
/// <item>Resolve the payment method's gateway (null for wire transfers).</item>
/// <item>Compare-and-set the stored status to <c>placing</c>, taking the units from stock → <see cref="PlacementConflictException"/>
/// (409) when lost, <see cref="PlacementFailedException"/> with <c>OUT_OF_STOCK</c> (422) when a SKU ran short meanwhile.
/// The same commit writes a <c>pending</c> authorization with a fresh idempotency key (<b>before</b> the gateway is called)
/// and draws the order number.</item>
/// <item>Authorize: no gateway or zero total → approved at once; otherwise ask the gateway (bounded by the optional timeout).</item>
/// <item>Approved → number, placed_at, authorization succeeded, all saved by <see cref="IPlacementStore.CompleteAsync"/>.</item>
/// <item>Declined → authorization failed with the reason, order back to its previous status,
/// <see cref="PaymentDeclinedException"/> (422 PAYMENT_DECLINED).</item>
/// <item>Failed or timed out → renew the hold on the placement (a reconciler that took it for a crashed one and settled
/// it meanwhile wins: <see cref="PlacementConflictException"/>, nothing is voided), void whatever the gateway holds under
/// the idempotency key (each call bounded by the gateway timeout), authorization failed, order back,
/// <see cref="PaymentGatewayException"/> (502). If even the void fails, the order stays <c>placing</c> with the
/// authorization <c>pending</c> for <see cref="ReconcileAsync"/> to settle.</item>
/// </list>
/// Work after the gateway was asked ignores the caller's cancellation, so a dropped request never
/// leaves a half-done placement behind. Tokens never appear in exception messages. The caller names the order by the
/// aggregate and the stored version it loaded; the service keeps that version as its own writes move it (see
/// <see cref="IPlacementStore"/>).
/// </summary>
public sealed class PlacementService(
    IPlacementStore store,
    IPaymentGatewayResolver gateways,
    TimeProvider timeProvider,
    TimeSpan? gatewayTimeout = null)
{
    public async Task<PaymentTransaction> PlaceAsync(Order order, int version, CancellationToken cancellationToken = default)
    {
        // Read the status once, before anything else: the compare-and-set must only ever move an
        // order from the draft/pending status its preconditions were checked in.
        var expected = order.Status;
        var stock = await store.FindStockAsync([.. order.LineItems.Where(l => l.IsSku).Select(l => l.SkuId!).Distinct()], cancellationToken);
        var failures = PlacementPreconditions.Check(order, new PlacementContext(stock));
        if (failures.Count == 0 && expected is not (OrderStatus.Draft or OrderStatus.Pending))
            failures = [DomainFailure.AtAttribute("status", $"the order cannot be placed: status is {expected}")];
        if (failures.Count > 0)
            throw new PlacementFailedException(failures);

        var method = order.PaymentMethod!;
        var gateway = gateways.Resolve(method.Gateway);

        var authorization = PaymentTransaction.Begin(
            TransactionKind.Authorization, order.Id, order.AmountToAuthorizeCents, order.CurrencyCode, timeProvider.GetUtcNow());
        var begun = await store.TryBeginPlacingAsync(order, version, expected, authorization, cancellationToken);
        if (begun.Shortages.Count > 0)
            throw new PlacementFailedException([.. begun.Shortages.Select(Stock.OutOfStock)]);
        if (begun.Refusals.Count > 0)
            throw new PlacementFailedException(begun.Refusals);
        if (!begun.Begun)
            throw new PlacementConflictException();
        var placing = new Placing(order, version + 1, begun.Number);
        order.BeginPlacing();

        if (gateway is null || order.AmountToAuthorizeCents == 0)
        {
            var why = gateway is null ? "authorized at once: no gateway for " + order.PaymentSource!.ResourceType : "nothing to authorize: zero total";
            if (!await CompleteAsync(placing, authorization, null, why))
                throw await LostAsync(authorization);
            return authorization;
        }

        var result = Scrubbed(await AuthorizeAsync(gateway, order, authorization, cancellationToken), order.PaymentSource!.GatewayToken);
        switch (result.Outcome)
        {
            case GatewayOutcome.Approved:
                // Lost (a reconciler took the placement for a crashed one and settled it): the gateway holds money for an
                // order this request did not place; its authorization is left failed for the late-authorization sweep to void.
                if (!await CompleteAsync(placing, authorization, result.GatewayReference, result.Message))
                    throw await LostAsync(authorization);
                return authorization;

            case GatewayOutcome.Declined:
                var reason = result.Message ?? "declined";
                authorization.MarkFailed(PaymentDeclinedException.ErrorCode, reason, timeProvider.GetUtcNow());
                order.AbortPlacement();
                if (!await store.AbortAsync(order, placing.Version, authorization, CancellationToken.None))
                    await store.FailIfPendingAsync(authorization.Id, PaymentDeclinedException.ErrorCode, reason, CancellationToken.None);
                throw new PaymentDeclinedException(reason);

            default:
                var failure = result.Message ?? "gateway failure";
                // The gateway may have committed the authorization all the same, and a reconciler that took this placement for a
                // crashed one may have completed the order with it: only while this request still holds the placement may it
                // release what the gateway holds.
                if (!await store.RenewPlacingAsync(order.Id, placing.Version, CancellationToken.None))
                    throw await LostAsync(authorization);
                placing.Version++;
                if (!await ReleaseAsync(gateway, order, authorization))
                    throw new PaymentGatewayException(failure, result.TimedOut, released: false);
                authorization.MarkFailed(PaymentGatewayException.ErrorCode, failure, timeProvider.GetUtcNow());
                order.AbortPlacement();
                if (!await store.AbortAsync(order, placing.Version, authorization, CancellationToken.None))
                    await store.FailIfPendingAsync(authorization.Id, PaymentGatewayException.ErrorCode, failure, CancellationToken.None);
                throw new PaymentGatewayException(failure, result.TimedOut);
        }
    }

    /// <summary>
    /// Settles an order left in <c>placing</c> by a crash (run at start-up): asks the gateway by the pending
    /// authorization's idempotency key; money held → complete the placement; nothing held (or no gateway,
    /// or no pending authorization) → back to the previous status. <paramref name="version"/>: the stored version the order
    /// was loaded at; a live placement that moved it since wins.
    /// </summary>
    public async Task<ReconcileOutcome> ReconcileAsync(Order order, int version, CancellationToken cancellationToken = default)
    {
        if (order.Status != OrderStatus.Placing)
            return ReconcileOutcome.NothingToDo;

        var authorization = await store.FindPendingAuthorizationAsync(order.Id, cancellationToken);
        var gateway = order.PaymentMethod is { } method ? gateways.Resolve(method.Gateway) : null;
        if (authorization is not null && gateway is not null)
        {
            var held = await gateway.FindAuthorizationAsync(authorization.IdempotencyKey, cancellationToken);
            if (held is { IsAuthorized: true })
            {
                // Lost to the live request (it renewed its hold, or settled the placement): it is the request's to settle.
                // The number the crashed process drew went with it (a gap); this completion draws its own.
                var number = await store.NextOrderNumberAsync(order.Id, CancellationToken.None);
                return await CompleteAsync(new Placing(order, version, number), authorization, held.GatewayReference, "reconciled after an interrupted placement")
                    ? ReconcileOutcome.Completed
                    : ReconcileOutcome.NothingToDo;
            }
        }

        authorization?.MarkFailed(PaymentGatewayException.ErrorCode, "placement was interrupted; nothing is authorized", timeProvider.GetUtcNow());
        order.AbortPlacement();
        // A placement still in flight that was taken for a crashed one may have settled meanwhile: then nothing is undone.
        return await store.AbortAsync(order, version, authorization, CancellationToken.None) ? ReconcileOutcome.Undone : ReconcileOutcome.NothingToDo;
    }

    /// <summary>A gateway may echo the token in its message: cut it out before it reaches a transaction or an exception.</summary>
    private static GatewayResult Scrubbed(GatewayResult result, string? token) =>
        token is { Length: > 0 } && result.Message is { } message && message.Contains(token, StringComparison.Ordinal)
            ? result with { Message = message.Replace(token, "[token]", StringComparison.Ordinal) }
            : result;

    private async Task<GatewayResult> AuthorizeAsync(IPaymentGateway gateway, Order order, PaymentTransaction authorization, CancellationToken cancellationToken)
    {
        var request = new GatewayRequest(order.Id, authorization.AmountCents, authorization.CurrencyCode,
            order.PaymentSource!.GatewayToken, authorization.IdempotencyKey);
        using var timeout = gatewayTimeout is { } limit
            ? new CancellationTokenSource(limit, timeProvider)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await gateway.AuthorizeAsync(request, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return GatewayResult.Failed("no answer within " + gatewayTimeout, timedOut: true);
        }
        catch (OperationCanceledException)
        {
            return GatewayResult.Failed("the request was cancelled while the gateway was asked");
        }
        catch (Exception ex)
        {
            // The exception's message is not trusted to be free of secrets.
            return GatewayResult.Failed("the gateway threw " + ex.GetType().Name);
        }
    }

    /// <summary>
    /// A gateway may commit an authorization after the service gave up on it (it failed or timed out, and nothing was
    /// held when the service asked). Asks the gateway again by the failed authorization's key and voids what it holds
    /// there. Returns whether something was voided; throws when the gateway could not be asked or would not void.
    /// </summary>
    public async Task<bool> ReleaseLateAuthorizationAsync(IPaymentGateway gateway, PaymentTransaction failedAuthorization, CancellationToken cancellationToken)
    {
        if (failedAuthorization is not { Kind: TransactionKind.Authorization, Status: TransactionStatus.Failed })
            throw new ArgumentException("Only a failed authorization can have been committed late.", nameof(failedAuthorization));
        var held = await gateway.FindAuthorizationAsync(failedAuthorization.IdempotencyKey, cancellationToken);
        if (held is not { IsAuthorized: true })
            return false;
        if (!await VoidAsync(gateway, failedAuthorization.OrderId, held))
            throw new PaymentGatewayException("the gateway would not void an authorization it committed late", released: false);
        return true;
    }

    /// <summary>
    /// Voids what the gateway may hold under the authorization's key. False when that could not be made sure of. Each call is
    /// bounded by the gateway timeout, so the release ends within twice it and the reconciler (which waits
    /// <c>ReconcileAfterSeconds</c>, longer than that, from the renewed hold) never takes a release still in flight.
    /// </summary>
    private async Task<bool> ReleaseAsync(IPaymentGateway gateway, Order order, PaymentTransaction authorization)
    {
        try
        {
            GatewayAuthorization? held;
            using (var find = Bounded())
                held = await gateway.FindAuthorizationAsync(authorization.IdempotencyKey, find.Token);
            return held is not { IsAuthorized: true } || await VoidAsync(gateway, order.Id, held, bounded: true);
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>A cancellation source that fires after the gateway timeout (never without one).</summary>
    private CancellationTokenSource Bounded() => gatewayTimeout is { } limit ? new CancellationTokenSource(limit, timeProvider) : new CancellationTokenSource();

    /// <summary>Voids a held authorization, recorded as a <c>void</c> transaction of the order; true when the gateway voided it.</summary>
    private async Task<bool> VoidAsync(IPaymentGateway gateway, string orderId, GatewayAuthorization held, bool bounded = false)
    {
        var voiding = PaymentTransaction.Begin(TransactionKind.Void, orderId, held.AmountCents, held.CurrencyCode, timeProvider.GetUtcNow());
        await store.SaveTransactionAsync(voiding, CancellationToken.None);
        using var limit = bounded ? Bounded() : new CancellationTokenSource();
        var result = await gateway.VoidAsync(
            new GatewayRequest(orderId, held.AmountCents, held.CurrencyCode, null, voiding.IdempotencyKey, held.GatewayReference),
            limit.Token);
        if (result.IsApproved)
            voiding.MarkSucceeded(result.GatewayReference, result.Message, timeProvider.GetUtcNow());
        else
            voiding.MarkFailed(PaymentGatewayException.ErrorCode, result.Message, timeProvider.GetUtcNow());
        await store.SaveTransactionAsync(voiding, CancellationToken.None);
        return result.IsApproved;
    }

    private async Task<bool> CompleteAsync(Placing placing, PaymentTransaction authorization, string? gatewayReference, string? message)
    {
        var order = placing.Order;
        var now = timeProvider.GetUtcNow();
        order.CompletePlacement(placing.Number, now);
        authorization.MarkSucceeded(gatewayReference, message, now);
        return await store.CompleteAsync(order, placing.Version, authorization, CancellationToken.None);
    }

    /// <summary>An order this actor holds in <c>placing</c>, at the stored version its last write left, and its number.</summary>
    private sealed class Placing(Order order, int version, long number)
    {
        public Order Order { get; } = order;
        public int Version { get; set; } = version;
        public long Number { get; } = number;
    }

    /// <summary>
    /// This request's placement was settled by another actor (a reconciler took it for a crashed one): its own authorization
    /// is left failed (never pending for ever) with a gateway error, so the late-authorization sweep asks the gateway about
    /// it and voids what it holds; the request answers 409 (reload the order).
    /// </summary>
    private async Task<PlacementConflictException> LostAsync(PaymentTransaction authorization)
    {
        await store.FailIfPendingAsync(authorization.Id, PaymentGatewayException.ErrorCode,
            "the placement was settled by another actor while this request was asking the gateway", CancellationToken.None);
        return new PlacementConflictException();
    }
}
