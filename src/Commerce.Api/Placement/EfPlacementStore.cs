using Commerce.Api.Persistence;
using Commerce.Api.Persistence.Configurations;
using Commerce.Domain.Catalog;
using Commerce.Domain.Common;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Placement;

/// <summary>
/// The placement port on EF Core. The order of the request is tracked by the request's context, with the
/// request's other changes applied but not saved. The compare-and-set is one conditional UPDATE on status
/// and version (atomic on every provider, across processes); transactions are written through a context
/// of their own so that a pending authorization is committed before the gateway is called, and nothing
/// else of the request goes with it. Completion saves the order and its authorization together; an abort
/// saves only the status and the failed authorization and discards the rest of the request.
/// </summary>
internal sealed class EfPlacementStore(CommerceDbContext db, IServiceScopeFactory scopes, TimeProvider clock) : IPlacementStore, IOrderPaymentStore
{
    /// <summary>
    /// The compare-and-set, and in the same database transaction the order's units are taken from stock
    /// (one conditional UPDATE per SKU: never below zero, whatever else is placed at the same time). When a
    /// SKU no longer has enough, nothing is changed and the placement fails with <c>OUT_OF_STOCK</c>.
    /// </summary>
    public async Task<bool> TryBeginPlacingAsync(string orderId, string expectedStatus, CancellationToken cancellationToken)
    {
        var entry = db.ChangeTracker.Entries<Order>().Single(e => e.Entity.Id == orderId);
        var version = entry.Property<int>(OrderConfiguration.Version);
        var loaded = version.OriginalValue;
        var wanted = Units(entry.Entity);
        // updated_at is when the order began placing: the reconciler's age limit counts from it, so a placement
        // still in flight is never taken for a crashed one, however long ago the order was last changed.
        var now = clock.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        var begun = await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var changed = await db.Orders
                .Where(o => o.Id == orderId && o.Status == expectedStatus && EF.Property<int>(o, OrderConfiguration.Version) == loaded)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(o => o.Status, OrderStatus.Placing)
                    .SetProperty(o => o.PreviousStatus, expectedStatus)
                    .SetProperty(o => o.UpdatedAt, now)
                    .SetProperty(o => EF.Property<int>(o, OrderConfiguration.Version), loaded + 1), ct);
            if (changed != 1)
                return false;
            var failures = new List<DomainFailure>();
            foreach (var (skuId, skuCode, quantity) in wanted)
            {
                var taken = await db.StockItems
                    .Where(s => s.SkuId == skuId && s.Quantity >= quantity)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.Quantity, s => s.Quantity - quantity), ct);
                if (taken == 1)
                    continue;
                var available = await db.StockItems.Where(s => s.SkuId == skuId).Select(s => (int?)s.Quantity).FirstOrDefaultAsync(ct) ?? 0;
                failures.Add(PlacementPreconditions.OutOfStock(skuCode, quantity, available));
            }
            if (failures.Count > 0)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                throw new PlacementFailedException(failures);
            }
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
        if (!begun)
            return false;
        version.OriginalValue = loaded + 1;
        entry.Property(o => o.Status).OriginalValue = OrderStatus.Placing;
        return true;
    }

    /// <summary>
    /// The units an order takes from stock, by SKU, in SKU id order: every placement locks the stock rows it updates in
    /// the same order, so two placements of orders with the same SKUs wait for each other instead of deadlocking
    /// (PostgreSQL answered 40P01 to about half the placements of the load benchmark's checkout when the line items'
    /// load order decided).
    /// </summary>
    private static List<(string SkuId, string SkuCode, int Quantity)> Units(Order order) =>
        [.. order.LineItems.GroupBy(l => l.SkuId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.First().SkuCode, g.Sum(l => l.Quantity)))];

    public async Task SaveTransactionAsync(PaymentTransaction transaction, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        if (await own.PaymentTransactions.AnyAsync(t => t.Id == transaction.Id, cancellationToken))
            own.Update(transaction);
        else
            own.Add(transaction);
        await own.SaveChangesAsync(cancellationToken);
    }

    public async Task<long> NextOrderNumberAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var number = new OrderNumber { OrderId = db.ChangeTracker.Entries<Order>().Select(e => e.Entity.Id).FirstOrDefault() ?? "" };
        own.OrderNumbers.Add(number);
        await own.SaveChangesAsync(cancellationToken);
        return number.Value;
    }

    /// <summary>
    /// Saves the placed order (version-checked) and its authorization, and counts the order on its customer (an atomic
    /// increment), in one transaction; false, and nothing saved, when the order's version moved (another actor settled it).
    /// </summary>
    public async Task<bool> CompleteAsync(Order order, PaymentTransaction authorization, CancellationToken cancellationToken)
    {
        db.Update(authorization);
        var strategy = db.Database.CreateExecutionStrategy();
        var completed = await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return false;
            }
            if (order.CustomerId is { } customerId)
                await db.Customers.Where(c => c.Id == customerId).ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.Status, c => c.TotalOrdersCount == 0 ? CustomerStatus.Acquired : CustomerStatus.Repeat)
                    .SetProperty(c => c.TotalOrdersCount, c => c.TotalOrdersCount + 1), ct);
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
        if (!completed)
            return false;
        db.ChangeTracker.AcceptAllChanges();
        // The count went up in the database, not on the loaded customer: the answer shows the customer as it now is.
        if (order.CustomerId is { } counted && db.ChangeTracker.Entries<Customer>().FirstOrDefault(e => e.Entity.Id == counted) is { } customer)
            await customer.ReloadAsync(CancellationToken.None);
        return true;
    }

    public async Task FailIfPendingAsync(string transactionId, string errorCode, string message, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var now = clock.GetUtcNow();
        await own.PaymentTransactions
            .Where(t => t.Id == transactionId && t.Status == TransactionStatus.Pending)
            .ExecuteUpdateAsync(set => set
                .SetProperty(t => t.Status, TransactionStatus.Failed)
                .SetProperty(t => t.Succeeded, false)
                .SetProperty(t => t.Message, message)
                .SetProperty(t => t.ErrorCode, errorCode)
                .SetProperty(t => t.UpdatedAt, now), cancellationToken);
    }

    /// <summary>
    /// One database transaction, all of it conditional: the order goes back from <c>placing</c> (0 rows: another actor
    /// settled it, and nothing is written), the units it took go back to stock, and the authorization goes from
    /// <c>pending</c> to its failure. Before, the authorization was written after the commit and unconditionally: a
    /// reconciler undoing a live placement that had just completed wrote its succeeded authorization back to failed
    /// (the late-authorization sweep then voided the money of a placed order), and a kill between the two writes left
    /// an authorization pending for ever.
    /// </summary>
    public async Task<bool> AbortAsync(Order order, PaymentTransaction? authorization, CancellationToken cancellationToken)
    {
        // The request fails as one: only the status goes back, and the units it took go back to stock;
        // its other changes are discarded. Only the placement this actor loaded (its version) is undone.
        var loaded = db.ChangeTracker.Entries<Order>().Single(e => e.Entity.Id == order.Id).Property<int>(OrderConfiguration.Version).OriginalValue;
        db.ChangeTracker.Clear();
        var units = Units(order);
        var now = clock.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var changed = await db.Orders
                .Where(o => o.Id == order.Id && o.Status == OrderStatus.Placing && EF.Property<int>(o, OrderConfiguration.Version) == loaded)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(o => o.Status, order.Status)
                    .SetProperty(o => o.PreviousStatus, (string?)null)
                    .SetProperty(o => EF.Property<int>(o, OrderConfiguration.Version), loaded + 1), ct);
            if (changed != 1)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return false;
            }
            foreach (var (skuId, _, quantity) in units)
                await db.StockItems.Where(s => s.SkuId == skuId)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.Quantity, s => s.Quantity + quantity), ct);
            if (authorization is not null)
                await SettlePendingAsync(authorization, now, ct);
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
    }

    public async Task<bool> RenewPlacingAsync(Order order, CancellationToken cancellationToken)
    {
        var entry = db.ChangeTracker.Entries<Order>().Single(e => e.Entity.Id == order.Id);
        var version = entry.Property<int>(OrderConfiguration.Version);
        var loaded = version.OriginalValue;
        var now = clock.GetUtcNow();
        var renewed = await db.Orders
            .Where(o => o.Id == order.Id && o.Status == OrderStatus.Placing && EF.Property<int>(o, OrderConfiguration.Version) == loaded)
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.UpdatedAt, now)
                .SetProperty(o => EF.Property<int>(o, OrderConfiguration.Version), loaded + 1), cancellationToken);
        if (renewed == 1)
            version.OriginalValue = loaded + 1;
        return renewed == 1;
    }

    public Task<PaymentTransaction?> FindPendingAuthorizationAsync(string orderId, CancellationToken cancellationToken) =>
        db.PaymentTransactions
            .Where(t => t.OrderId == orderId && t.Kind == TransactionKind.Authorization && t.Status == TransactionStatus.Pending)
            .OrderByDescending(t => t.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);

    // ---- IOrderPaymentStore (cancel, capture, refund) ----

    public Task<PaymentTransaction?> FindSucceededAuthorizationAsync(string orderId, CancellationToken cancellationToken) =>
        db.PaymentTransactions.AsNoTracking()
            .Where(t => t.OrderId == orderId && t.Kind == TransactionKind.Authorization && t.Succeeded)
            .OrderByDescending(t => t.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<PaymentTransaction>> FindUnsucceededAuthorizationsAsync(string orderId, CancellationToken cancellationToken) =>
        await db.PaymentTransactions.AsNoTracking()
            .Where(t => t.OrderId == orderId && t.Kind == TransactionKind.Authorization && !t.Succeeded)
            .OrderByDescending(t => t.CreatedAt)
            .ToListAsync(cancellationToken);

    public Task<PaymentTransaction?> FindPendingPaymentAsync(string orderId, CancellationToken cancellationToken) =>
        db.PaymentTransactions.AsNoTracking()
            .Where(t => t.OrderId == orderId && t.Status == TransactionStatus.Pending
                && (t.Kind == TransactionKind.Void || t.Kind == TransactionKind.Capture || t.Kind == TransactionKind.Refund))
            .OrderBy(t => t.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The order's version goes up by a conditional UPDATE (as loaded, or nothing) and the pending transaction is inserted, in
    /// one database transaction of a context of its own (the request's other changes are not saved with it). Of two requests
    /// that loaded the same order, one claims it; the other sees the pending transaction, or loses the compare-and-set.
    /// </summary>
    public async Task<bool> TryBeginPaymentAsync(Order order, PaymentTransaction transaction, CancellationToken cancellationToken)
    {
        var entry = db.ChangeTracker.Entries<Order>().Single(e => e.Entity.Id == order.Id);
        var version = entry.Property<int>(OrderConfiguration.Version);
        var loaded = version.OriginalValue;
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var strategy = own.Database.CreateExecutionStrategy();
        var begun = await strategy.ExecuteAsync(async ct =>
        {
            own.ChangeTracker.Clear();
            await using var dbTransaction = await own.Database.BeginTransactionAsync(ct);
            var claimed = await own.Orders
                .Where(o => o.Id == order.Id && EF.Property<int>(o, OrderConfiguration.Version) == loaded)
                .ExecuteUpdateAsync(set => set.SetProperty(o => EF.Property<int>(o, OrderConfiguration.Version), loaded + 1), ct);
            if (claimed != 1)
                return false;
            own.Add(transaction);
            await own.SaveChangesAsync(ct);
            await dbTransaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
        if (begun)
            version.OriginalValue = loaded + 1;
        return begun;
    }

    public async Task SaveAsync(Order order, PaymentTransaction transaction, CancellationToken cancellationToken)
    {
        db.Update(transaction);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// One database transaction: the transaction row goes from <c>pending</c> to its outcome by a conditional UPDATE (0 rows:
    /// another instance settled it), then the order (tracked by this context, version-checked) is saved with its outbox events.
    /// </summary>
    public async Task<bool> TrySettleAsync(Order? order, PaymentTransaction transaction, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        var settled = await strategy.ExecuteAsync(async ct =>
        {
            await using var dbTransaction = await db.Database.BeginTransactionAsync(ct);
            if (await SettlePendingAsync(transaction, now, ct) != 1)
            {
                await dbTransaction.RollbackAsync(CancellationToken.None);
                return false;
            }
            if (order is not null)
            {
                try
                {
                    await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
                }
                catch (DbUpdateConcurrencyException)
                {
                    await dbTransaction.RollbackAsync(CancellationToken.None);
                    return false;
                }
            }
            await dbTransaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
        if (settled)
            db.ChangeTracker.AcceptAllChanges();
        return settled;
    }

    /// <summary>The stored transaction goes from <c>pending</c> to the outcome <paramref name="transaction"/> holds (1), or stays as another actor left it (0).</summary>
    private Task<int> SettlePendingAsync(PaymentTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.PaymentTransactions
            .Where(t => t.Id == transaction.Id && t.Status == TransactionStatus.Pending)
            .ExecuteUpdateAsync(set => set
                .SetProperty(t => t.Status, transaction.Status)
                .SetProperty(t => t.Succeeded, transaction.Succeeded)
                .SetProperty(t => t.GatewayReference, transaction.GatewayReference)
                .SetProperty(t => t.Message, transaction.Message)
                .SetProperty(t => t.ErrorCode, transaction.ErrorCode)
                .SetProperty(t => t.UpdatedAt, now), cancellationToken);
}
