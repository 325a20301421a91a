using Commerce.Domain.Orders;

namespace Commerce.Domain.Payments;

/// <summary>Persistence port of <see cref="OrderPaymentService"/>.</summary>
public interface IOrderPaymentStore
{
    /// <summary>The order's succeeded authorization (its gateway reference is what void/capture/refund name); null when none.</summary>
    Task<PaymentTransaction?> FindSucceededAuthorizationAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>Inserts or updates a transaction (written <c>pending</c> before the gateway is asked).</summary>
    Task SaveTransactionAsync(PaymentTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Saves the order and the finished transaction together.</summary>
    Task SaveAsync(Order order, PaymentTransaction transaction, CancellationToken cancellationToken);
}

/// <summary>
/// <c>_cancel</c> (void), <c>_capture</c> and <c>_refund</c> through the order's gateway. Each checks the
/// order first (status errors before any money moves), writes a pending transaction, asks the gateway
/// (no gateway, e.g. wire transfers, or nothing authorized: succeeds at once), then changes the order.
/// A gateway that declines → <see cref="PaymentDeclinedException"/>; fails → <see cref="PaymentGatewayException"/>;
/// in both cases the order is unchanged and the failed transaction is saved.
/// </summary>
public sealed class OrderPaymentService(IOrderPaymentStore store, IPaymentGatewayResolver gateways, TimeProvider timeProvider)
{
    /// <summary>placed/approved → cancelled, voiding the authorization; null when nothing was authorized (free order).</summary>
    public async Task<PaymentTransaction?> CancelAsync(Order order, CancellationToken cancellationToken = default)
    {
        order.EnsureCanCancel();
        if (order.PaymentStatus != PaymentStatus.Authorized)
        {
            order.Cancel(timeProvider.GetUtcNow());
            return null;
        }

        return await RunAsync(order, TransactionKind.Void, (g, r, ct) => g.VoidAsync(r, ct), o => o.Cancel(timeProvider.GetUtcNow()), cancellationToken);
    }

    /// <summary>authorized → paid.</summary>
    public async Task<PaymentTransaction> CaptureAsync(Order order, CancellationToken cancellationToken = default)
    {
        order.EnsureCanCapture();
        return await RunAsync(order, TransactionKind.Capture, (g, r, ct) => g.CaptureAsync(r, ct), o => o.Capture(timeProvider.GetUtcNow()), cancellationToken);
    }

    /// <summary>paid → refunded, order cancelled.</summary>
    public async Task<PaymentTransaction> RefundAsync(Order order, CancellationToken cancellationToken = default)
    {
        order.EnsureCanRefund();
        return await RunAsync(order, TransactionKind.Refund, (g, r, ct) => g.RefundAsync(r, ct), o => o.Refund(timeProvider.GetUtcNow()), cancellationToken);
    }

    private async Task<PaymentTransaction> RunAsync(
        Order order,
        string kind,
        Func<IPaymentGateway, GatewayRequest, CancellationToken, Task<GatewayResult>> call,
        Action<Order> apply,
        CancellationToken cancellationToken)
    {
        var gateway = gateways.Resolve(order.PaymentMethod?.Gateway);
        var authorization = await store.FindSucceededAuthorizationAsync(order.Id, cancellationToken);
        var transaction = PaymentTransaction.Begin(kind, order.Id, order.TotalAmountCents, order.CurrencyCode, timeProvider.GetUtcNow());
        await store.SaveTransactionAsync(transaction, cancellationToken);

        GatewayResult result;
        if (gateway is null || authorization?.GatewayReference is null)
            result = GatewayResult.Approved(authorization?.GatewayReference ?? "", "no gateway: done at once");
        else
        {
            try
            {
                result = await call(gateway,
                    new GatewayRequest(order.Id, transaction.AmountCents, transaction.CurrencyCode, null, transaction.IdempotencyKey, authorization.GatewayReference),
                    cancellationToken);
            }
            catch (Exception ex)
            {
                result = GatewayResult.Failed("the gateway threw " + ex.GetType().Name, ex is OperationCanceledException);
            }
        }

        var now = timeProvider.GetUtcNow();
        switch (result.Outcome)
        {
            case GatewayOutcome.Approved:
                apply(order);
                transaction.MarkSucceeded(string.IsNullOrEmpty(result.GatewayReference) ? null : result.GatewayReference, result.Message, now);
                await store.SaveAsync(order, transaction, CancellationToken.None);
                return transaction;
            case GatewayOutcome.Declined:
                transaction.MarkFailed(PaymentDeclinedException.ErrorCode, result.Message, now);
                await store.SaveTransactionAsync(transaction, CancellationToken.None);
                throw new PaymentDeclinedException(result.Message ?? "declined");
            default:
                transaction.MarkFailed(PaymentGatewayException.ErrorCode, result.Message, now);
                await store.SaveTransactionAsync(transaction, CancellationToken.None);
                throw new PaymentGatewayException(result.Message ?? "gateway failure", result.TimedOut);
        }
    }
}
