using Commerce.Api.Authentication;
using Commerce.Api.Persistence;
using Commerce.Api.Persistence.Configurations;
using Commerce.Domain.Catalog;
using Commerce.Domain.Customers;
using Commerce.Domain.Orders;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.CustomerAddresses;

/// <summary>
/// A customer's address book: a customer sees and changes its own entries only (another's: 404), an integration any (the role
/// table refuses sales channels). The address of an entry must be the customer's own (or nobody's: it becomes the customer's).
/// </summary>
internal sealed class CustomerAddressHandler(CommerceDbContext db, Caller caller, RelationshipTargets targets) : IResourceHandler<CustomerAddress>
{
    public IQueryable<CustomerAddress> Query()
    {
        var all = db.CustomerAddresses.Include(a => a.Address).Include(a => a.Customer);
        return caller.IsIntegration ? all : all.Where(a => caller.CustomerId != null && a.CustomerId == caller.CustomerId);
    }

    public bool HidesNothing => caller.IsIntegration;

    public async Task<CustomerAddress> CreateAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        var customer = await CustomerBook.OwnerAsync(db, caller, targets, input, cancellationToken);
        var address = await targets.RequireAsync<Address>(input, "address");
        await AdoptAsync(customer, address, cancellationToken);
        var entry = new CustomerAddress(customer, address);
        db.CustomerAddresses.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    public async Task UpdateAsync(CustomerAddress resource, ResourceInput input, CancellationToken cancellationToken)
    {
        if (input.TryGetRelationship("address", out var given))
        {
            var address = await targets.FindAsync<Address>(given)
                ?? throw JsonApiException.Invalid(ResourceInput.RelationshipPointer("address"), "address can't be blank.");
            await AdoptAsync(resource.Customer!, address, cancellationToken, resource.Id);
            resource.ChangeAddress(address);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes the entry; the address stays (orders may use it).</summary>
    public async Task DeleteAsync(CustomerAddress resource, CancellationToken cancellationToken)
    {
        db.CustomerAddresses.Remove(resource);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The address becomes the customer's when it is nobody's; another customer's is 422, and so is one already in the book.</summary>
    private async Task AdoptAsync(Customer customer, Address address, CancellationToken cancellationToken, string? entryId = null)
    {
        var pointer = ResourceInput.RelationshipPointer("address");
        var owner = db.Entry(address).Property(Ownership.CustomerId);
        if (owner.CurrentValue is string ownerId && ownerId != customer.Id)
            throw JsonApiException.Invalid(pointer, "This address belongs to another customer.");
        if (await db.CustomerAddresses.AnyAsync(a => a.CustomerId == customer.Id && a.AddressId == address.Id && a.Id != entryId, cancellationToken))
            throw JsonApiException.Invalid(pointer, "This address is in the customer's address book already.");
        owner.CurrentValue = customer.Id;
    }
}

/// <summary>Whose book or wallet a new entry goes to.</summary>
internal static class CustomerBook
{
    /// <summary>
    /// A customer's token: itself (a <c>customer</c> relationship naming another is 404, as reading it would be). An integration:
    /// the <c>customer</c> relationship, or the customer with <c>customer_email</c> (compared case-insensitively). When both are
    /// sent they must agree (422 at <c>customer_email</c>).
    /// </summary>
    public static async Task<Customer> OwnerAsync(CommerceDbContext db, Caller caller, RelationshipTargets targets, ResourceInput input, CancellationToken cancellationToken)
    {
        var emailPointer = ResourceInput.AttributePointer("customer_email");
        input.TryGetAttribute<string?>("customer_email", out var email);
        Customer? customer = null;
        if (input.TryGetRelationship("customer", out var named))
            customer = await targets.FindAsync<Customer>(named);
        else if (caller.IsCustomer)
            customer = await db.Customers.FirstAsync(c => c.Id == caller.CustomerId, cancellationToken);
        else if (!string.IsNullOrWhiteSpace(email))
        {
            var lowered = email.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL's LOWER(), which the culture of this process does not touch.
            customer = await db.Customers.Where(c => c.Email.ToLower() == lowered).OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(cancellationToken)
                ?? throw JsonApiException.Invalid(emailPointer, "No customer has this email.");
#pragma warning restore CA1304, CA1311, CA1862
        }
        if (customer is null)
            throw JsonApiException.Invalid(ResourceInput.RelationshipPointer("customer"), "customer can't be blank (or send customer_email).");
        if (!string.IsNullOrWhiteSpace(email) && !string.Equals(email.Trim(), customer.Email, StringComparison.OrdinalIgnoreCase))
            throw JsonApiException.Invalid(emailPointer, "customer_email is not the customer's email.");
        return customer;
    }
}
