using Commerce.Api.Authentication;
using Commerce.Api.Hosting;
using Commerce.Api.Persistence.Configurations;
using Commerce.Api.Orders;
using Commerce.Api.Persistence;
using Commerce.Domain.Payments;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Resources;
using Commerce.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.PaymentSources;

/// <summary>
/// <c>external_payments</c> (a gateway token: never a card number, never returned) and <c>wire_transfers</c>.
/// Created with an <c>order</c> relationship, a source becomes that order's payment source.
/// </summary>
internal static class PaymentSourcesResource
{
    public static void Define(ResourceGraphBuilder graph)
    {
        graph.Add<ExternalPayment>(PaymentSourceTypes.ExternalPayments, p => p.Id, r => r
            .Describe("A payment through a gateway, by token. The token is write-only; card numbers are refused.")
            .WriteOnly<string>("payment_source_token", Can.Create | Can.Change, "A gateway token such as tok_visa (write-only).")
            .Computed("payment_source_details", p => p.Details)
            .WithTimestamps()
            .Loaded("order", RelationshipKind.ToOne, "orders", OrderOfAsync, "The order paid with this source; set on create.", Can.Create));
        graph.Add<WireTransfer>(PaymentSourceTypes.WireTransfers, p => p.Id, r => r
            .Describe("A payment by bank transfer: authorized at once when the order is placed.")
            .Computed("payment_source_details", p => p.Details)
            .WithTimestamps()
            .Loaded("order", RelationshipKind.ToOne, "orders", OrderOfAsync, "The order paid with this source; set on create.", Can.Create));
    }

    private static async Task<IReadOnlyList<object>> OrderOfAsync(IServiceProvider services, object source, CancellationToken ct) =>
        await services.GetRequiredService<CommerceDbContext>().Orders.AsNoTracking()
            .Where(o => o.PaymentSourceId == ((PaymentSource)source).Id)
            .Take(1)
            .ToListAsync(ct);
}

/// <summary>Creating a source with an <c>order</c> relationship makes it that order's payment source, in one save.</summary>
internal abstract class PaymentSourceRepository<T>(CommerceDbContext db, Caller caller, RelationshipTargets targets) : IResourceRepository<T> where T : PaymentSource
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

internal sealed class ExternalPaymentRepository(CommerceDbContext db, Caller caller, RelationshipTargets targets) : PaymentSourceRepository<ExternalPayment>(db, caller, targets)
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

internal sealed class WireTransferRepository(CommerceDbContext db, Caller caller, RelationshipTargets targets) : PaymentSourceRepository<WireTransfer>(db, caller, targets)
{
    protected override WireTransfer New(ResourceInput input) => new();
}
