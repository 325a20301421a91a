using Commerce.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Persistence;

/// <summary>The two writes of a payment transaction that placement and payment settlement share.</summary>
internal static class PaymentTransactionWrites
{
    /// <summary>
    /// Inserts or updates the transaction through a context of its own, committed at once: a pending transaction is stored
    /// before the gateway is asked, and nothing else of the request goes with it.
    /// </summary>
    public static async Task SaveTransactionInOwnContextAsync(this IServiceScopeFactory scopes, PaymentTransaction transaction, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        if (await own.PaymentTransactions.AnyAsync(t => t.Id == transaction.Id, cancellationToken))
            own.Update(transaction);
        else
            own.Add(transaction);
        await own.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The stored transaction goes from <c>pending</c> to the outcome <paramref name="transaction"/> holds (1), or stays as another actor left it (0).</summary>
    public static Task<int> SettlePendingAsync(this CommerceDbContext db, PaymentTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken) =>
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
