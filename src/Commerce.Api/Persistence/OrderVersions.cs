using Commerce.Api.Persistence.Configurations;
using Commerce.Domain.Orders;

namespace Commerce.Api.Persistence;

/// <summary>The stored version of an order: the token every version-checked write of placement and payments compares.</summary>
internal static class OrderVersions
{
    /// <summary>The version the order's row had when <paramref name="db"/> loaded it (as the request or the reconciler found it).</summary>
    public static int LoadedVersion(this CommerceDbContext db, Order order) =>
        db.LoadedEntry(order).Property<int>(OrderConfiguration.Version).OriginalValue;

    /// <summary>
    /// The order's entry in <paramref name="db"/>, which loaded it; throws when it did not (a detached order's version and
    /// changes are unknown to the context: a version-checked save of it would save nothing of the order and report success).
    /// </summary>
    public static Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Order> LoadedEntry(this CommerceDbContext db, Order order)
    {
        var entry = db.Entry(order);
        if (entry.State == Microsoft.EntityFrameworkCore.EntityState.Detached)
            throw new InvalidOperationException($"Order {order.Id} was not loaded by this context: its version is not known.");
        return entry;
    }
}
