using Commerce.Api.Persistence;
using Commerce.Api.Persistence.Configurations;
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
internal sealed class EfPlacementStore(CommerceDbContext db, IServiceScopeFactory scopes) : IPlacementStore, IOrderPaymentStore
{
    public async Task<bool> TryBeginPlacingAsync(string orderId, string expectedStatus, CancellationToken cancellationToken)
    {
        var entry = db.ChangeTracker.Entries<Order>().Single(e => e.Entity.Id == orderId);
        var version = entry.Property<int>(OrderConfiguration.Version);
        var loaded = version.OriginalValue;
        var changed = await db.Orders
            .Where(o => o.Id == orderId && o.Status == expectedStatus && EF.Property<int>(o, OrderConfiguration.Version) == loaded)
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.Status, OrderStatus.Placing)
                .SetProperty(o => o.PreviousStatus, expectedStatus)
                .SetProperty(o => EF.Property<int>(o, OrderConfiguration.Version), loaded + 1), cancellationToken);
        if (changed != 1)
            return false;
        version.OriginalValue = loaded + 1;
        entry.Property(o => o.Status).OriginalValue = OrderStatus.Placing;
        return true;
    }

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

    public async Task CompleteAsync(Order order, PaymentTransaction authorization, CancellationToken cancellationToken)
    {
        db.Update(authorization);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task AbortAsync(Order order, PaymentTransaction? authorization, CancellationToken cancellationToken)
    {
        // The request fails as one: only the status goes back; its other changes are discarded.
        db.ChangeTracker.Clear();
        await db.Orders
            .Where(o => o.Id == order.Id && o.Status == OrderStatus.Placing)
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.Status, order.Status)
                .SetProperty(o => o.PreviousStatus, (string?)null)
                .SetProperty(o => EF.Property<int>(o, OrderConfiguration.Version), o => EF.Property<int>(o, OrderConfiguration.Version) + 1), cancellationToken);
        if (authorization is not null)
            await SaveTransactionAsync(authorization, cancellationToken);
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

    public async Task SaveAsync(Order order, PaymentTransaction transaction, CancellationToken cancellationToken)
    {
        db.Update(transaction);
        await db.SaveChangesAsync(cancellationToken);
    }
}
