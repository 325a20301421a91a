using Commerce.Api.Persistence;
using Commerce.Api.Persistence.Configurations;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Payments;

/// <summary>
/// The payment settlement port on EF Core (<c>_cancel</c>, <c>_capture</c>, <c>_refund</c>, and the reconciler settling what a
/// crash left pending): the claim on the order and its pending transaction are committed through a context of their own
/// before the gateway is asked; the outcome is saved with the order of the request (loaded by this context) at the version the
/// caller names, as <see cref="Placement.EfPlacementStore"/> does: nothing is looked up in the change tracker.
/// </summary>
internal sealed class EfOrderPaymentStore(CommerceDbContext db, IServiceScopeFactory scopes, TimeProvider clock) : IOrderPaymentStore
{
    public Task SaveTransactionAsync(PaymentTransaction transaction, CancellationToken cancellationToken) =>
        scopes.SaveTransactionInOwnContextAsync(transaction, cancellationToken);

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
    public async Task<bool> TryBeginPaymentAsync(Order order, int version, PaymentTransaction transaction, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var strategy = own.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            own.ChangeTracker.Clear();
            await using var dbTransaction = await own.Database.BeginTransactionAsync(ct);
            var claimed = await own.Orders
                .Where(o => o.Id == order.Id && EF.Property<int>(o, OrderConfiguration.Version) == version)
                .ExecuteUpdateAsync(set => set.SetProperty(o => EF.Property<int>(o, OrderConfiguration.Version), version + 1), ct);
            if (claimed != 1)
                return false;
            own.Add(transaction);
            await own.SaveChangesAsync(ct);
            await dbTransaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
    }

    /// <summary>The order (loaded by this context, with the request's other changes) at <paramref name="version"/>, and the transaction.</summary>
    public async Task SaveAsync(Order order, int version, PaymentTransaction transaction, CancellationToken cancellationToken)
    {
        db.LoadedEntry(order).Property<int>(OrderConfiguration.Version).OriginalValue = version;
        db.Update(transaction);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// One database transaction: the transaction row goes from <c>pending</c> to its outcome by a conditional UPDATE (0 rows:
    /// another instance settled it), then the order (tracked by this context, version-checked) is saved with its outbox events.
    /// </summary>
    public async Task<bool> TrySettleAsync(Order? order, int version, PaymentTransaction transaction, CancellationToken cancellationToken)
    {
        if (order is not null)
            db.LoadedEntry(order).Property<int>(OrderConfiguration.Version).OriginalValue = version;
        var now = clock.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        var settled = await strategy.ExecuteAsync(async ct =>
        {
            await using var dbTransaction = await db.Database.BeginTransactionAsync(ct);
            if (await db.SettlePendingAsync(transaction, now, ct) != 1)
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
}
