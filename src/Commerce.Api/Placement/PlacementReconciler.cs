using Commerce.Api.Background;
using Commerce.Api.Persistence;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Placement;

/// <summary>
/// Settles orders a crash left in <c>placing</c>: at start-up and every <c>Payments:ReconcileIntervalSeconds</c> (a minute) after, each order that has
/// been placing for longer than <c>Payments:ReconcileAfterSeconds</c> is asked about at its gateway (by the
/// pending authorization's idempotency key) and then completed or returned to its previous status.
/// The age limit keeps it away from placements still in flight in other instances.
/// In the same pass, voids, captures and refunds a crash left <c>pending</c> for as long are settled
/// (<see cref="SettlePaymentsAsync"/>), and late authorizations released (<see cref="ReleaseLateAuthorizationsAsync"/>).
/// </summary>
internal sealed partial class PlacementReconciler(IServiceScopeFactory scopes, PaymentOptions options, TimeProvider clock, ILogger<PlacementReconciler> logger)
    : PollingLoop("placement reconciler", logger)
{
    // Started with the reconciler, so passes begin every interval (a pass longer than one is followed by the next at once).
    private readonly PeriodicTimer _timer = new(TimeSpan.FromSeconds(options.ReconcileIntervalSeconds), clock);

    protected override Task<int> RunPassAsync(CancellationToken cancellationToken) => ReconcileOnceAsync(cancellationToken);

    protected override async Task<bool> WaitAsync(int found, CancellationToken cancellationToken) => await _timer.WaitForNextTickAsync(cancellationToken);

    public override void Dispose()
    {
        _timer.Dispose();
        base.Dispose();
    }

    public async Task<int> ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromSeconds(options.ReconcileAfterSeconds);
        List<string> stuck;
        await using (var scope = scopes.CreateAsyncScope())
        {
            stuck = await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().Orders.AsNoTracking()
                .Where(o => o.Status == OrderStatus.Placing && o.UpdatedAt < cutoff)
                .Select(o => o.Id).ToListAsync(cancellationToken);
        }
        foreach (var id in stuck)
        {
            try
            {
                LogReconciled(logger, id, await ReconcileOrderAsync(id, cutoff, cancellationToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One order's trouble (a gateway no longer configured or failing) does not end the pass: the others, and the
                // settle and late-authorization passes below, still run.
                LogNotReconciled(logger, exception, id);
            }
        }
        await SettlePaymentsAsync(cancellationToken);
        await ReleaseLateAuthorizationsAsync(cancellationToken);
        return stuck.Count;
    }

    /// <summary>
    /// Settles one order left placing. It is loaded only if it is still placing and older than <paramref name="cutoff"/>: a
    /// live request that renewed its hold after the order was listed keeps it (NothingToDo).
    /// </summary>
    public async Task<ReconcileOutcome> ReconcileOrderAsync(string id, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<CommerceDbContext>();
        var order = await db.Orders.AsAggregate()
            .FirstOrDefaultAsync(o => o.Id == id && o.Status == OrderStatus.Placing && o.UpdatedAt < cutoff, cancellationToken);
        if (order is null)
            return ReconcileOutcome.NothingToDo;
        return await services.GetRequiredService<PlacementService>().ReconcileAsync(order, db.LoadedVersion(order), cancellationToken);
    }

    /// <summary>
    /// Voids, captures and refunds that have been <c>pending</c> for longer than <c>Payments:ReconcileAfterSeconds</c> (their
    /// request died after writing them: a crash, <c>kill -9</c>) are settled, the oldest <see cref="PaymentsSettledPerPass"/>
    /// per pass, by <see cref="OrderPaymentService.SettleAsync"/>: the order's gateway is asked again with the transaction's own
    /// idempotency key and the order changed as the request would have. Runs after the placements, so a placement's own
    /// release void is settled once its order is no longer <c>placing</c>. A settlement the gateway gives no answer to (it
    /// throws, times out, answers 5xx) leaves its payment pending for a later pass; the pass goes on with the next one, and
    /// stops after <see cref="UnansweredInARow"/> in a row (a gateway in trouble is not flooded, and one payment its gateway
    /// never answers for does not keep the others from being settled). Instances settling the same transaction at once: one
    /// saves, the other's conditional update finds it no longer pending and does nothing.
    /// </summary>
    public async Task<int> SettlePaymentsAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromSeconds(options.ReconcileAfterSeconds);
        List<string> pending;
        await using (var scope = scopes.CreateAsyncScope())
        {
            pending = await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().PaymentTransactions.AsNoTracking()
                .Where(t => t.Status == TransactionStatus.Pending && t.CreatedAt < cutoff
                    && (t.Kind == TransactionKind.Void || t.Kind == TransactionKind.Capture || t.Kind == TransactionKind.Refund))
                .OrderBy(t => t.CreatedAt).Take(PaymentsSettledPerPass)
                .Select(t => t.Id).ToListAsync(cancellationToken);
        }
        var settled = 0;
        var unanswered = 0;
        foreach (var transactionId in pending)
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<CommerceDbContext>();
            var transaction = await db.PaymentTransactions.AsNoTracking().SingleAsync(t => t.Id == transactionId, cancellationToken);
            if (await db.Orders.AsAggregate().FirstOrDefaultAsync(o => o.Id == transaction.OrderId, cancellationToken) is not { } order)
            {
                // Not the gateway's trouble: the others of the pass are still asked about.
                LogPaymentWithoutOrder(logger, transaction.OrderId, transaction.ResourceType, transactionId);
                continue;
            }
            var resolver = services.GetRequiredService<IPaymentGatewayResolver>();
            try
            {
                resolver.Resolve(order.PaymentMethod?.Gateway);
            }
            catch (PaymentGatewayException exception)
            {
                // A gateway no longer configured: a matter of configuration, not of a gateway in trouble; the others are still asked.
                LogPaymentNotSettled(logger, exception, transaction.OrderId, transaction.ResourceType, transactionId);
                continue;
            }
            try
            {
                var payments = services.GetRequiredService<OrderPaymentService>();
                var outcome = await payments.SettleAsync(order, db.LoadedVersion(order), transaction, cancellationToken);
                if (outcome is SettleOutcome.Succeeded or SettleOutcome.Failed)
                    settled++;
                unanswered = 0;
                LogPaymentSettled(logger, transaction.OrderId, transaction.ResourceType, transactionId, outcome);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPaymentNotSettled(logger, exception, transaction.OrderId, transaction.ResourceType, transactionId);
                if (++unanswered == UnansweredInARow)
                    break;
            }
        }
        return settled;
    }

    /// <summary>Settlements in a row that got no answer from their gateway, after which a pass stops.</summary>
    private const int UnansweredInARow = 3;

    /// <summary>The oldest pending voids, captures and refunds settled per pass: bounded work, whatever a crash left behind.</summary>
    private const int PaymentsSettledPerPass = 100;

    /// <summary>
    /// Authorizations that failed with a gateway error or timeout in the last <c>Payments:LateAuthorizationWindowSeconds</c>
    /// are asked about again (the newest <see cref="LateAuthorizationsPerPass"/>; the pass stops at the first lookup that
    /// fails): a gateway that committed one after the service gave up has it voided. The gateway is the one of the
    /// order's payment method.
    /// </summary>
    public async Task<int> ReleaseLateAuthorizationsAsync(CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - TimeSpan.FromSeconds(options.LateAuthorizationWindowSeconds);
        List<(string TransactionId, string? Gateway)> failed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
            failed = [.. (await db.PaymentTransactions.AsNoTracking()
                .Where(t => t.Kind == TransactionKind.Authorization && t.Status == TransactionStatus.Failed
                    && t.ErrorCode == PaymentGatewayException.ErrorCode && t.CreatedAt > since)
                .OrderByDescending(t => t.CreatedAt).Take(LateAuthorizationsPerPass)
                .Join(db.Orders, t => t.OrderId, o => o.Id, (t, o) => new { t.Id, Gateway = o.PaymentMethod == null ? null : o.PaymentMethod.Gateway })
                .ToListAsync(cancellationToken)).Select(f => (f.Id, f.Gateway))];
        }
        var released = 0;
        foreach (var (transactionId, gatewayName) in failed)
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            if (gatewayName is null || services.GetRequiredService<IPaymentGatewayResolver>().Resolve(gatewayName) is not { } gateway)
                continue;
            var authorization = await services.GetRequiredService<CommerceDbContext>().PaymentTransactions.AsNoTracking()
                .SingleAsync(t => t.Id == transactionId, cancellationToken);
            var placement = services.GetRequiredService<PlacementService>();
            try
            {
                if (await placement.ReleaseLateAuthorizationAsync(gateway, authorization, cancellationToken))
                {
                    released++;
                    LogLateAuthorizationVoided(logger, authorization.OrderId, transactionId);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The gateway is failing: asking it about the others now would only add to its load. Next pass.
                LogLateAuthorizationNotReleased(logger, exception, authorization.OrderId, transactionId);
                break;
            }
        }
        return released;
    }

    /// <summary>The newest failed authorizations asked about per pass: a gateway outage must not turn into a flood of lookups.</summary>
    private const int LateAuthorizationsPerPass = 100;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: the gateway committed failed authorization {TransactionId} late; it is voided")]
    private static partial void LogLateAuthorizationVoided(ILogger logger, string orderId, string transactionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order {OrderId}: could not make sure failed authorization {TransactionId} holds nothing; will ask again")]
    private static partial void LogLateAuthorizationNotReleased(ILogger logger, Exception exception, string orderId, string transactionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: {TransactionType} {TransactionId} was left pending: {Outcome}")]
    private static partial void LogPaymentSettled(ILogger logger, string orderId, string transactionType, string transactionId, SettleOutcome outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pending {TransactionType} {TransactionId} names order {OrderId}, which does not exist; it is not settled")]
    private static partial void LogPaymentWithoutOrder(ILogger logger, string orderId, string transactionType, string transactionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order {OrderId}: could not settle pending {TransactionType} {TransactionId}; will try again")]
    private static partial void LogPaymentNotSettled(ILogger logger, Exception exception, string orderId, string transactionType, string transactionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} was left placing: {Outcome}")]
    private static partial void LogReconciled(ILogger logger, string orderId, ReconcileOutcome outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order {OrderId} was left placing and could not be settled; will try again")]
    private static partial void LogNotReconciled(ILogger logger, Exception exception, string orderId);
}
