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
/// The placement port on EF Core. The caller names the order by the aggregate and its stored version; nothing is looked up in
/// the change tracker. The compare-and-set is one conditional UPDATE on status and version (atomic on every provider, across
/// processes), and commits the pending authorization with it, through a context of its own, so that the authorization is
/// committed before the gateway is called and nothing else of the request goes with it. Completion saves the order, with the other changes of
/// the request that loaded it into this context, and its authorization together; an abort saves only the status and the
/// failed authorization and discards the rest of the request.
/// </summary>
internal sealed class EfPlacementStore(CommerceDbContext db, IServiceScopeFactory scopes, PlacementParticipants participants, TimeProvider clock) : IPlacementStore
{
    public async Task<IReadOnlyDictionary<string, int>> FindStockAsync(IReadOnlyCollection<string> skuIds, CancellationToken cancellationToken) =>
        await db.StockItems.AsNoTracking()
            .Where(s => skuIds.Contains(s.SkuId))
            .ToDictionaryAsync(s => s.SkuId, s => s.Quantity, cancellationToken);

    /// <summary>
    /// The compare-and-set, and in the same database transaction the order's units are taken from stock
    /// (one conditional UPDATE per SKU: never below zero, whatever else is placed at the same time). When a
    /// SKU no longer has enough, the transaction is rolled back and the shortages are the answer. Then the placement
    /// participants take their holds (<see cref="PlacementParticipants"/>); one that refuses rolls it all back too. Last, the
    /// pending authorization and a row of <c>order_numbers</c> (the number) are inserted, and all of it is committed at once:
    /// one turn of SQLite's write gate and one commit where there were three. It runs on a context of its own, so that these
    /// rows are saved without the request's other changes.
    /// </summary>
    public async Task<BeginPlacing> TryBeginPlacingAsync(Order order, int version, string expectedStatus, PaymentTransaction pendingAuthorization, CancellationToken cancellationToken)
    {
        var orderId = order.Id;
        var wanted = Stock.UnitsOf(order);
        // updated_at is when the order began placing: the reconciler's age limit counts from it, so a placement
        // still in flight is never taken for a crashed one, however long ago the order was last changed.
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var changed = await db.Orders
                .Where(o => o.Id == orderId && o.Status == expectedStatus && EF.Property<int>(o, OrderConfiguration.Version) == version)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(o => o.Status, OrderStatus.Placing)
                    .SetProperty(o => o.PreviousStatus, expectedStatus)
                    .SetProperty(o => o.UpdatedAt, now)
                    .SetProperty(o => EF.Property<int>(o, OrderConfiguration.Version), version + 1), ct);
            if (changed != 1)
                return BeginPlacing.Lost;
            var shortages = new List<StockShortage>();
            foreach (var units in wanted)
            {
                var taken = await db.StockItems
                    .Where(s => s.SkuId == units.SkuId && s.Quantity >= units.Quantity)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.Quantity, s => s.Quantity - units.Quantity), ct);
                if (taken == 1)
                    continue;
                var available = await db.StockItems.Where(s => s.SkuId == units.SkuId).Select(s => (int?)s.Quantity).FirstOrDefaultAsync(ct) ?? 0;
                shortages.Add(new(units.SkuId, units.SkuCode, units.Quantity, available));
            }
            if (shortages.Count > 0)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return BeginPlacing.Short(shortages);
            }
            var refusals = await participants.HoldAsync(db, order, now, ct);
            if (refusals.Count > 0)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return BeginPlacing.Refused(refusals);
            }
            db.PaymentTransactions.Add(pendingAuthorization);
            var number = new OrderNumber { OrderId = orderId };
            db.OrderNumbers.Add(number);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return BeginPlacing.Started(number.Value);
        }, cancellationToken);
    }

    public Task SaveTransactionAsync(PaymentTransaction transaction, CancellationToken cancellationToken) =>
        scopes.SaveTransactionInOwnContextAsync(transaction, cancellationToken);

    public async Task<long> NextOrderNumberAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var number = new OrderNumber { OrderId = orderId };
        own.OrderNumbers.Add(number);
        await own.SaveChangesAsync(cancellationToken);
        return number.Value;
    }

    /// <summary>
    /// Saves the placed order (version-checked: stored at <paramref name="version"/>) with the request's other changes, and its
    /// authorization, and counts the order on its customer (<see cref="CountPlacedOrder"/>), in one transaction; false, and
    /// nothing saved, when the order's version moved (another actor settled it). The order is the one this context loaded (the
    /// request's, or the reconciler's own).
    /// </summary>
    public async Task<bool> CompleteAsync(Order order, int version, PaymentTransaction authorization, CancellationToken cancellationToken)
    {
        var entry = db.LoadedEntry(order);
        entry.Property<int>(OrderConfiguration.Version).OriginalValue = version;
        entry.Property(o => o.Status).OriginalValue = OrderStatus.Placing;
        db.Update(authorization);
        var strategy = db.Database.CreateExecutionStrategy();
        var completed = await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                // The participants' holds are committed (and what they add saved) with the order, or not at all.
                await participants.CommitAsync(db, order, clock.GetUtcNow(), ct);
                await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return false;
            }
            if (order.CustomerId is { } customerId)
                await CountPlacedOrder(customerId, ct);
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

    /// <summary>
    /// The one place a placed order is counted on its customer (first order: <c>acquired</c>, later ones: <c>repeat</c>), in
    /// the transaction that completes the placement. An atomic increment, not the loaded customer: two orders of one customer
    /// completing at once both count, and neither completion fails on the customer's row (a completion that fails comes after
    /// the gateway authorized, and would leave money held for the sweep to void).
    /// </summary>
    private Task<int> CountPlacedOrder(string customerId, CancellationToken cancellationToken) =>
        db.Customers.Where(c => c.Id == customerId).ExecuteUpdateAsync(set => set
            .SetProperty(c => c.Status, c => c.TotalOrdersCount == 0 ? CustomerStatus.Acquired : CustomerStatus.Repeat)
            .SetProperty(c => c.TotalOrdersCount, c => c.TotalOrdersCount + 1), cancellationToken);

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
    public async Task<bool> AbortAsync(Order order, int version, PaymentTransaction? authorization, CancellationToken cancellationToken)
    {
        // The request fails as one: only the status goes back, and the units it took go back to stock;
        // its other changes are discarded. Only the placement this actor holds (its version) is undone.
        db.ChangeTracker.Clear();
        var units = Stock.UnitsOf(order);
        var now = clock.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var changed = await db.Orders
                .Where(o => o.Id == order.Id && o.Status == OrderStatus.Placing && EF.Property<int>(o, OrderConfiguration.Version) == version)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(o => o.Status, order.Status)
                    .SetProperty(o => o.PreviousStatus, (string?)null)
                    .SetProperty(o => EF.Property<int>(o, OrderConfiguration.Version), version + 1), ct);
            if (changed != 1)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return false;
            }
            foreach (var taken in units)
                await db.StockItems.Where(s => s.SkuId == taken.SkuId)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.Quantity, s => s.Quantity + taken.Quantity), ct);
            // What the participants held for this placement is given back, once: only the undo that won gets here.
            await participants.ReleaseAsync(db, order, now, ct);
            if (db.ChangeTracker.HasChanges())
                await db.SaveChangesAsync(ct);
            if (authorization is not null)
                await db.SettlePendingAsync(authorization, now, ct);
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
    }

    public async Task<bool> RenewPlacingAsync(string orderId, int version, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var renewed = await db.Orders
            .Where(o => o.Id == orderId && o.Status == OrderStatus.Placing && EF.Property<int>(o, OrderConfiguration.Version) == version)
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.UpdatedAt, now)
                .SetProperty(o => EF.Property<int>(o, OrderConfiguration.Version), version + 1), cancellationToken);
        return renewed == 1;
    }

    public Task<PaymentTransaction?> FindPendingAuthorizationAsync(string orderId, CancellationToken cancellationToken) =>
        db.PaymentTransactions
            .Where(t => t.OrderId == orderId && t.Kind == TransactionKind.Authorization && t.Status == TransactionStatus.Pending)
            .OrderByDescending(t => t.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
}
