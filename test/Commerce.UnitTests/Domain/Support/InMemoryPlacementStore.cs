using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;

namespace Commerce.UnitTests.Domain.Support;

/// <summary>The placement store in memory: stored statuses with an atomic compare-and-set, transactions, a sequence.</summary>
public sealed class InMemoryPlacementStore : IPlacementStore, IOrderPaymentStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _statuses = [];
    private readonly List<PaymentTransaction> _transactions = [];
    private long _number = 1000;

    public int CompleteCalls { get; private set; }
    public int AbortCalls { get; private set; }

    public void Register(Order order) => SetStoredStatus(order.Id, order.Status);

    public void SetStoredStatus(string orderId, string status)
    {
        lock (_lock)
            _statuses[orderId] = status;
    }

    public string StoredStatus(string orderId)
    {
        lock (_lock)
            return _statuses[orderId];
    }

    public IReadOnlyList<PaymentTransaction> Transactions
    {
        get
        {
            lock (_lock)
                return [.. _transactions];
        }
    }

    public Task<bool> TryBeginPlacingAsync(string orderId, string expectedStatus, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_statuses.TryGetValue(orderId, out var stored) || stored != expectedStatus)
                return Task.FromResult(false);
            _statuses[orderId] = OrderStatus.Placing;
            return Task.FromResult(true);
        }
    }

    public Task SaveTransactionAsync(PaymentTransaction transaction, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_transactions.Contains(transaction))
                _transactions.Add(transaction);
        }

        return Task.CompletedTask;
    }

    public Task<long> NextOrderNumberAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Interlocked.Increment(ref _number));

    public Task<bool> CompleteAsync(Order order, PaymentTransaction authorization, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            CompleteCalls++;
            // As the EF store's version check: only a placement still placing is completed.
            if (_statuses.GetValueOrDefault(order.Id) != OrderStatus.Placing)
                return Task.FromResult(false);
            _statuses[order.Id] = order.Status;
            if (!_transactions.Contains(authorization))
                _transactions.Add(authorization);
        }

        return Task.FromResult(true);
    }

    public Task FailIfPendingAsync(string transactionId, string errorCode, string message, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_transactions.FirstOrDefault(t => t.Id == transactionId) is { Status: TransactionStatus.Pending } pending)
                pending.MarkFailed(errorCode, message, DateTimeOffset.UtcNow);
        }
        return Task.CompletedTask;
    }

    public Task<bool> RenewPlacingAsync(Order order, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult(_statuses.GetValueOrDefault(order.Id) == OrderStatus.Placing);
    }

    public Task<bool> AbortAsync(Order order, PaymentTransaction? authorization, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            AbortCalls++;
            // As the EF store: only an order still placing goes back (another actor may have settled it).
            if (_statuses.GetValueOrDefault(order.Id) != OrderStatus.Placing)
                return Task.FromResult(false);
            _statuses[order.Id] = order.Status;
            if (authorization is not null && !_transactions.Contains(authorization))
                _transactions.Add(authorization);
        }

        return Task.FromResult(true);
    }

    public Task<PaymentTransaction?> FindPendingAuthorizationAsync(string orderId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_transactions.LastOrDefault(t =>
                t.OrderId == orderId && t.Kind == TransactionKind.Authorization && t.Status == TransactionStatus.Pending));
        }
    }

    public Task<PaymentTransaction?> FindSucceededAuthorizationAsync(string orderId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_transactions.LastOrDefault(t =>
                t.OrderId == orderId && t.Kind == TransactionKind.Authorization && t.Succeeded));
        }
    }

    /// <summary>Transactions whose pending state a settlement already replaced (the conditional update of the real store).</summary>
    private readonly HashSet<string> _settled = [];

    public int SettleSaves { get; private set; }

    public Task<IReadOnlyList<PaymentTransaction>> FindUnsucceededAuthorizationsAsync(string orderId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<PaymentTransaction>>([.. _transactions
                .Where(t => t.OrderId == orderId && t.Kind == TransactionKind.Authorization && !t.Succeeded).Reverse()]);
        }
    }

    public Task<PaymentTransaction?> FindPendingPaymentAsync(string orderId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_transactions.FirstOrDefault(t => t.OrderId == orderId && t.Status == TransactionStatus.Pending
                && t.Kind is TransactionKind.Void or TransactionKind.Capture or TransactionKind.Refund));
        }
    }

    public Task<bool> TryBeginPaymentAsync(Order order, PaymentTransaction transaction, CancellationToken cancellationToken)
    {
        // No versions here: the claim always succeeds (the service's own check for a pending movement is what is tested).
        lock (_lock)
            _transactions.Add(transaction);
        return Task.FromResult(true);
    }

    public Task<bool> TrySettleAsync(Order? order, PaymentTransaction transaction, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_settled.Add(transaction.Id))
                return Task.FromResult(false);
            if (!_transactions.Contains(transaction))
                _transactions.Add(transaction);
            if (order is not null)
                _statuses[order.Id] = order.Status;
            SettleSaves++;
            return Task.FromResult(true);
        }
    }

    public Task SaveAsync(Order order, PaymentTransaction transaction, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _statuses[order.Id] = order.Status;
            if (!_transactions.Contains(transaction))
                _transactions.Add(transaction);
        }

        return Task.CompletedTask;
    }
}
