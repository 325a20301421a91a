using Commerce.Api.Persistence.Configurations;
using Commerce.Domain.Orders;

namespace Commerce.Api.Persistence;

/// <summary>The stored version of an order: the token every version-checked write of placement and payments compares.</summary>
internal static class OrderVersions
{
    /// <summary>The version the order's row had when <paramref name="db"/> loaded it (as the request or the reconciler found it).</summary>
    public static int LoadedVersion(this CommerceDbContext db, Order order)
    {
        var entry = db.Entry(order);
        if (entry.State == Microsoft.EntityFrameworkCore.EntityState.Detached)
            throw new InvalidOperationException($"Order {order.Id} was not loaded by this context: its version is not known.");
        return entry.Property<int>(OrderConfiguration.Version).OriginalValue;
    }
}
