using Commerce.Api.Authentication;
using Commerce.Api.Persistence;
using Commerce.Api.Persistence.Configurations;
using Commerce.Api.Resources.CustomerAddresses;
using Commerce.Domain.Catalog;
using Commerce.Domain.Customers;
using Commerce.Domain.Orders;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.CustomerPaymentSources;

/// <summary>
/// A customer's wallet: a customer sees and changes its own entries only (another's: 404), an integration any (the role table
/// refuses sales channels). The source must be the customer's own (or nobody's: it becomes the customer's).
/// </summary>
internal sealed class CustomerPaymentSourceHandler(CommerceDbContext db, Caller caller, RelationshipTargets targets) : IResourceHandler<CustomerPaymentSource>
{
    public IQueryable<CustomerPaymentSource> Query()
    {
        var all = db.CustomerPaymentSources.Include(s => s.PaymentSource).Include(s => s.PaymentMethod).Include(s => s.Customer);
        return caller.IsIntegration ? all : all.Where(s => caller.CustomerId != null && s.CustomerId == caller.CustomerId);
    }

    public bool HidesNothing => caller.IsIntegration;

    public async Task<CustomerPaymentSource> CreateAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        var customer = await CustomerBook.OwnerAsync(db, caller, targets, input, cancellationToken);
        var source = await targets.RequireAsync<PaymentSource>(input, "payment_source");
        var pointer = ResourceInput.RelationshipPointer("payment_source");
        var owner = db.Entry(source).Property(Ownership.CustomerId);
        if (owner.CurrentValue is string ownerId && ownerId != customer.Id)
            throw JsonApiException.Invalid(pointer, "This payment source belongs to another customer.");
        if (await db.CustomerPaymentSources.AnyAsync(s => s.CustomerId == customer.Id && s.PaymentSourceId == source.Id, cancellationToken))
            throw JsonApiException.Invalid(pointer, "This payment source is in the customer's wallet already.");
        owner.CurrentValue = customer.Id;
        var method = input.TryGetRelationship("payment_method", out var named) ? await targets.FindAsync<PaymentMethod>(named) : null;
        var entry = new CustomerPaymentSource(customer, source, method);
        db.CustomerPaymentSources.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    public async Task UpdateAsync(CustomerPaymentSource resource, ResourceInput input, CancellationToken cancellationToken)
    {
        if (input.TryGetRelationship("payment_method", out var named))
            resource.SetPaymentMethod(await targets.FindAsync<PaymentMethod>(named));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes the entry; the source stays (an order may use it).</summary>
    public async Task DeleteAsync(CustomerPaymentSource resource, CancellationToken cancellationToken)
    {
        db.CustomerPaymentSources.Remove(resource);
        await db.SaveChangesAsync(cancellationToken);
    }
}
