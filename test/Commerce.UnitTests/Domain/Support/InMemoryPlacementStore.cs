using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;

namespace Commerce.UnitTests.Domain.Support;

/// <summary>
/// The placement store in memory, as the EF store behaves: stored statuses and versions with an atomic compare-and-set (every
/// successful version-checked write moves the version up by one), stock taken at the compare-and-set and given back by an
/// abort, transactions, a sequence. Fast enough to drive the shortage and version-conflict paths by the hundred.
/// </summary>
public sealed class InMemoryPlacementStore : IPlacementStore, IOrderPaymentStore
{
    /// <summary>The units each SKU of a registered order has unless a test says otherwise.</summary>
    public const int PlentyOfStock = 1000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _statuses = [];
    private readonly Dictionary<string, int> _versions = [];
    private readonly Dictionary<string, int> _stock = [];
    private readonly List<PaymentTransaction> _transactions = [];
    /// <summary>Status and error code of each transaction as last written to the store (the service's object may have moved on).</summary>
    private readonly Dictionary<string, (string Status, string? ErrorCode)> _written = [];
    private long _number = 1000;

    public int CompleteCalls { get; private set; }
    public int AbortCalls { get; private set; }

    /// <summary>Runs inside the compare-and-set, before stock is taken: another placement taking units meanwhile.</summary>
    public Action? BeforeTakingStock { get; set; }

    /// <summary>Stores the order as loaded (version 0) with <see cref="PlentyOfStock"/> of each of its SKUs not stocked yet.</summary>
    public void Register(Order order)
    {
        lock (_lock)
        {
            _statuses[order.Id] = order.Status;
            _versions[order.Id] = 0;
            foreach (var line in order.SkuLines)
                _stock.TryAdd(line.SkuId!, PlentyOfStock);
        }
    }

    /// <summary>Another actor writes the order's status (its version moves up, as every write does).</summary>
    public void SetStoredStatus(string orderId, string status)
    {
        lock (_lock)
        {
            _statuses[orderId] = status;
            _versions[orderId] = _versions.GetValueOrDefault(orderId) + 1;
        }
    }

    /// <summary>Another actor saves the order without changing its status (a PATCH, a renewed hold): its version moves up.</summary>
    public void ChangedByAnotherActor(string orderId)
    {
        lock (_lock)
            _versions[orderId]++;
    }

    public string StoredStatus(string orderId)
    {
        lock (_lock)
            return _statuses[orderId];
    }

    /// <summary>The stored version: what an actor loading the order now holds.</summary>
    public int VersionOf(string orderId)
    {
        lock (_lock)
            return _versions[orderId];
    }

    public void SetStock(string skuId, int units)
    {
        lock (_lock)
            _stock[skuId] = units;
    }

    public int StockOf(string skuId)
    {
        lock (_lock)
            return _stock.GetValueOrDefault(skuId);
    }

    /// <summary>The transaction as the store holds it: what a reload would read, not the object the service still holds.</summary>
    public (string Status, string? ErrorCode) Written(string transactionId)
    {
        lock (_lock)
            return _written[transactionId];
    }

    private void Write(PaymentTransaction transaction)
    {
        if (!_transactions.Contains(transaction))
            _transactions.Add(transaction);
        _written[transaction.Id] = (transaction.Status, transaction.ErrorCode);
    }

    public IReadOnlyList<PaymentTransaction> Transactions
    {
        get
        {
            lock (_lock)
                return [.. _transactions];
        }
    }

    public Task<IReadOnlyDictionary<string, int>> FindStockAsync(IReadOnlyCollection<string> skuIds, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyDictionary<string, int>>(_stock.Where(s => skuIds.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value));
    }

    public Task<BeginPlacing> TryBeginPlacingAsync(Order order, int version, string expectedStatus, PaymentTransaction pendingAuthorization, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_statuses.GetValueOrDefault(order.Id) != expectedStatus || _versions.GetValueOrDefault(order.Id) != version)
                return Task.FromResult(BeginPlacing.Lost);
            BeforeTakingStock?.Invoke();
            var units = Stock.UnitsOf(order);
            var shortages = units.Where(u => _stock.GetValueOrDefault(u.SkuId) < u.Quantity)
                .Select(u => new StockShortage(u.SkuId, u.SkuCode, u.Quantity, Math.Max(_stock.GetValueOrDefault(u.SkuId), 0))).ToList();
            if (shortages.Count > 0)
                return Task.FromResult(BeginPlacing.Short(shortages));
            foreach (var taken in units)
                _stock[taken.SkuId] -= taken.Quantity;
            _statuses[order.Id] = OrderStatus.Placing;
            _versions[order.Id] = version + 1;
            Write(pendingAuthorization);
            return Task.FromResult(BeginPlacing.Started(Interlocked.Increment(ref _number)));
        }
    }

    /// <summary>What a crash between the compare-and-set and the pending authorization left before they were one commit.</summary>
    public void LeavePlacingWithoutAuthorization(string orderId)
    {
        lock (_lock)
        {
            _statuses[orderId] = OrderStatus.Placing;
            _versions[orderId] = _versions.GetValueOrDefault(orderId) + 1;
        }
    }

    public Task SaveTransactionAsync(PaymentTransaction transaction, CancellationToken cancellationToken)
    {
        lock (_lock)
            Write(transaction);

        return Task.CompletedTask;
    }

    public Task<long> NextOrderNumberAsync(string orderId, CancellationToken cancellationToken) =>
        Task.FromResult(Interlocked.Increment(ref _number));

    public Task<bool> CompleteAsync(Order order, int version, PaymentTransaction authorization, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            CompleteCalls++;
            // As the EF store's version check: only the placement this actor holds is completed.
            if (_statuses.GetValueOrDefault(order.Id) != OrderStatus.Placing || _versions.GetValueOrDefault(order.Id) != version)
                return Task.FromResult(false);
            _statuses[order.Id] = order.Status;
            _versions[order.Id] = version + 1;
            Write(authorization);
        }

        return Task.FromResult(true);
    }

    public Task FailIfPendingAsync(string transactionId, string errorCode, string message, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_transactions.FirstOrDefault(t => t.Id == transactionId) is { Status: TransactionStatus.Pending } pending)
                pending.MarkFailed(errorCode, message, DateTimeOffset.UtcNow);
            if (_written.TryGetValue(transactionId, out var written) && written.Status == TransactionStatus.Pending)
                _written[transactionId] = (TransactionStatus.Failed, errorCode);
        }
        return Task.CompletedTask;
    }

    public Task<bool> RenewPlacingAsync(string orderId, int version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_statuses.GetValueOrDefault(orderId) != OrderStatus.Placing || _versions.GetValueOrDefault(orderId) != version)
                return Task.FromResult(false);
            _versions[orderId] = version + 1;
            return Task.FromResult(true);
        }
    }

    public Task<bool> AbortAsync(Order order, int version, PaymentTransaction? authorization, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            AbortCalls++;
            // As the EF store: only the placement this actor holds goes back (another actor may have settled it).
            if (_statuses.GetValueOrDefault(order.Id) != OrderStatus.Placing || _versions.GetValueOrDefault(order.Id) != version)
                return Task.FromResult(false);
            _statuses[order.Id] = order.Status;
            _versions[order.Id] = version + 1;
            foreach (var taken in Stock.UnitsOf(order))
                _stock[taken.SkuId] = _stock.GetValueOrDefault(taken.SkuId) + taken.Quantity;
            if (authorization is not null)
                Write(authorization);
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

    public Task<bool> TryBeginPaymentAsync(Order order, int version, PaymentTransaction transaction, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_versions.GetValueOrDefault(order.Id) != version)
                return Task.FromResult(false);
            _versions[order.Id] = version + 1;
            _transactions.Add(transaction);
            return Task.FromResult(true);
        }
    }

    public Task<bool> TrySettleAsync(Order? order, int version, PaymentTransaction transaction, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (order is not null && _versions.GetValueOrDefault(order.Id) != version)
                return Task.FromResult(false);
            if (!_settled.Add(transaction.Id))
                return Task.FromResult(false);
            if (!_transactions.Contains(transaction))
                _transactions.Add(transaction);
            if (order is not null)
                Saved(order);
            SettleSaves++;
            return Task.FromResult(true);
        }
    }

    public Task SaveAsync(Order order, int version, PaymentTransaction transaction, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_versions.GetValueOrDefault(order.Id) != version)
                throw new InvalidOperationException($"Order {order.Id} is at version {_versions.GetValueOrDefault(order.Id)}, not {version}: another actor changed it.");
            Saved(order);
            if (!_transactions.Contains(transaction))
                _transactions.Add(transaction);
        }

        return Task.CompletedTask;
    }

    /// <summary>A save of the order: its status as it is now, its version up by one.</summary>
    private void Saved(Order order)
    {
        _statuses[order.Id] = order.Status;
        _versions[order.Id] = _versions.GetValueOrDefault(order.Id) + 1;
    }
}
