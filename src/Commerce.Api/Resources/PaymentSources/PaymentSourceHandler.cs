using Commerce.Api.Authentication;
using Commerce.Api.Persistence;
using Commerce.Api.Persistence.Configurations;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.PaymentSources;

/// <summary>Creating a source with an <c>order</c> relationship makes it that order's payment source, in one save.</summary>
internal abstract class PaymentSourceHandler<T>(CommerceDbContext db, Caller caller, RelationshipTargets targets) : IResourceHandler<T> where T : PaymentSource
{
    public IQueryable<T> Query() => caller.IsCustomer
        ? db.PaymentSources.OfType<T>().Where(s => EF.Property<string?>(s, Ownership.CustomerId) == caller.CustomerId)
        : db.PaymentSources.OfType<T>();

    public bool HidesNothing => !caller.IsCustomer;

    public async Task<T> CreateAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        var source = New(input);
        db.PaymentSources.Add(source).Property(Ownership.CustomerId).CurrentValue = caller.CustomerId;
        if (input.TryGetRelationship("order", out var order) && await targets.FindAsync<Order>(order) is { } owner)
            owner.SetPaymentSource(source);
        await db.SaveChangesAsync(cancellationToken);
        return source;
    }

    /// <summary>A payment source used by a placed order is frozen (the order's rule, as for its addresses).</summary>
    public async Task UpdateAsync(T resource, ResourceInput input, CancellationToken cancellationToken)
    {
        foreach (var order in await db.Orders.AsNoTracking().Where(o => o.PaymentSourceId == resource.Id).ToListAsync(cancellationToken))
            order.EnsurePartChangeable(OrderPart.PaymentSource);
        Change(resource, input);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(T resource, CancellationToken cancellationToken)
    {
        if (await db.Orders.AnyAsync(o => o.PaymentSourceId == resource.Id, cancellationToken))
            throw JsonApiException.Conflict(ErrorCodes.Conflict, "This payment source is used by an order; unlink it first.");
        db.PaymentSources.Remove(resource);
        await db.SaveChangesAsync(cancellationToken);
    }

    protected abstract T New(ResourceInput input);

    protected virtual void Change(T resource, ResourceInput input)
    {
    }
}

internal sealed class ExternalPaymentHandler(CommerceDbContext db, Caller caller, RelationshipTargets targets) : PaymentSourceHandler<ExternalPayment>(db, caller, targets)
{
    protected override ExternalPayment New(ResourceInput input)
    {
        input.Require("payment_source_token");
        return new ExternalPayment((string)input.Attributes["payment_source_token"]!);
    }

    protected override void Change(ExternalPayment resource, ResourceInput input)
    {
        if (input.TryGetAttribute<string?>("payment_source_token", out var token))
            resource.ChangeToken(token ?? "");
    }
}

internal sealed class WireTransferHandler(CommerceDbContext db, Caller caller, RelationshipTargets targets) : PaymentSourceHandler<WireTransfer>(db, caller, targets)
{
    protected override WireTransfer New(ResourceInput input) => new();
}
