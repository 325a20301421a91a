using Commerce.Api.Authentication;
using Commerce.Api.Persistence;
using Commerce.Api.Persistence.Configurations;
using Commerce.Domain.Common;
using Commerce.Domain.Orders;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.Addresses;

internal sealed class AddressHandler(CommerceDbContext db, Caller caller) : IResourceHandler<Address>
{
    public IQueryable<Address> Query() => caller.IsCustomer
        ? db.Addresses.Where(a => EF.Property<string?>(a, Ownership.CustomerId) == caller.CustomerId)
        : db.Addresses;

    public bool HidesNothing => !caller.IsCustomer;

    public async Task<Address> CreateAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        var address = new Address(Merge(new AddressDetails(), input));
        Validate(address);
        db.Addresses.Add(address).Property(Ownership.CustomerId).CurrentValue = caller.CustomerId;
        await db.SaveChangesAsync(cancellationToken);
        return address;
    }

    /// <summary>An address used by a placed order is frozen (the order's rule); orders still being built are recomputed (country, tax).</summary>
    public async Task UpdateAsync(Address resource, ResourceInput input, CancellationToken cancellationToken)
    {
        var orders = await OrdersUsingAsync(resource.Id, cancellationToken);
        foreach (var order in orders)
            order.EnsurePartChangeable(OrderPart.Address);
        resource.Change(Merge(resource.ToDetails(), input));
        Validate(resource);
        foreach (var order in orders)
            order.Recalculate();
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(Address resource, CancellationToken cancellationToken)
    {
        if ((await OrdersUsingAsync(resource.Id, cancellationToken)).Count > 0)
            throw JsonApiException.Conflict(ErrorCodes.Conflict, "This address is used by an order; unlink it first.");
        db.Addresses.Remove(resource);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<List<Order>> OrdersUsingAsync(string addressId, CancellationToken cancellationToken)
    {
        var ids = await db.Orders.Where(o => o.BillingAddressId == addressId || o.ShippingAddressId == addressId).Select(o => o.Id).ToListAsync(cancellationToken);
        var orders = new List<Order>();
        foreach (var id in ids)
            orders.Add(await db.LoadAggregateAsync(id, cancellationToken));
        return orders;
    }

    private static AddressDetails Merge(AddressDetails details, ResourceInput input)
    {
        string? Text(string name, string? current) => input.TryGetAttribute<string?>(name, out var value) ? value : current;
        return details with
        {
            FirstName = Text("first_name", details.FirstName),
            LastName = Text("last_name", details.LastName),
            Company = Text("company", details.Company),
            Line1 = Text("line_1", details.Line1),
            Line2 = Text("line_2", details.Line2),
            City = Text("city", details.City),
            ZipCode = Text("zip_code", details.ZipCode),
            StateCode = Text("state_code", details.StateCode),
            CountryCode = Text("country_code", details.CountryCode),
            Phone = Text("phone", details.Phone),
            Email = Text("email", details.Email),
        };
    }

    private static void Validate(Address address)
    {
        var failures = address.Validate();
        if (failures.Count > 0)
            throw new DomainException(failures);
    }
}
