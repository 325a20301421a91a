using Commerce.Api.Authentication;
using Commerce.Api.Persistence;
using Commerce.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.Transactions;

/// <summary>
/// Reads the transactions of one kind: the resource type it is registered for (<c>authorizations</c>, ...) comes as its
/// service key, as the four resource types share the CLR type <see cref="PaymentTransaction"/> and this handler.
/// </summary>
internal sealed class TransactionHandler(CommerceDbContext db, Caller caller, [ServiceKey] string resourceType)
    : ReadOnlyHandler<PaymentTransaction>("placement and the order's triggers")
{
    private readonly string _kind = TransactionsResource.KindOf(resourceType);

    // The order navigation is loaded for the language of the formatted amount.
    public override IQueryable<PaymentTransaction> Query() => caller.IsCustomer
        ? db.PaymentTransactions.Include(t => t.Order).Where(t => t.Kind == _kind && db.Orders.Any(o => o.Id == t.OrderId && o.CustomerId == caller.CustomerId))
        : db.PaymentTransactions.Include(t => t.Order).Where(t => t.Kind == _kind);

    public override bool HidesNothing => !caller.IsCustomer;
}
