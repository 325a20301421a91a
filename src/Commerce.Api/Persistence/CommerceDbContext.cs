using Commerce.Domain.Catalog;
using Commerce.Domain.Common;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Commerce.Api.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Commerce.Api.Persistence;

/// <summary>
/// The one model of the service. Each database provider has a subclass (<see cref="SqliteCommerceDbContext"/>,
/// <see cref="SqlServerCommerceDbContext"/>, <see cref="PostgreSqlCommerceDbContext"/>) that owns its migrations.
/// </summary>
public abstract class CommerceDbContext(DbContextOptions options, TimeProvider clock) : DbContext(options)
{
    public DbSet<Sku> Skus => Set<Sku>();
    public DbSet<Price> Prices => Set<Price>();
    public DbSet<StockItem> StockItems => Set<StockItem>();
    public DbSet<ShippingMethod> ShippingMethods => Set<ShippingMethod>();
    public DbSet<PaymentMethod> PaymentMethods => Set<PaymentMethod>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<LineItem> LineItems => Set<LineItem>();
    public DbSet<Address> Addresses => Set<Address>();
    public DbSet<PaymentSource> PaymentSources => Set<PaymentSource>();
    public DbSet<PaymentTransaction> PaymentTransactions => Set<PaymentTransaction>();
    public DbSet<OrderNumber> OrderNumbers => Set<OrderNumber>();
    public DbSet<Commerce.Api.Authentication.ApplicationClient> ApplicationClients => Set<Commerce.Api.Authentication.ApplicationClient>();
    public DbSet<Commerce.Api.Idempotency.IdempotencyRecord> IdempotencyRecords => Set<Commerce.Api.Idempotency.IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CommerceDbContext).Assembly, t => t.Namespace == typeof(CommerceDbContext).Namespace + ".Configurations");

        // Columns are snake_case on every provider, like the wire names.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
                property.SetColumnName(Commerce.JsonApi.Resources.NamingPolicy.ToMemberName(property.Name));
        }
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var aggregateChanged = false;
        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
                entry.Entity.Touch(now);
            aggregateChanged |= entry.Entity is LineItem or Address or PaymentSource && entry.State is not EntityState.Unchanged;
        }
        // An order and its parts change as one: any change bumps the order's version, so a concurrent
        // save of the same order (another PATCH, a placement) fails with a conflict instead of being lost.
        foreach (var order in ChangeTracker.Entries<Order>())
        {
            if (order.State == EntityState.Modified || (order.State == EntityState.Unchanged && aggregateChanged))
            {
                var version = order.Property<int>(OrderConfiguration.Version);
                version.CurrentValue = version.OriginalValue + 1;
                order.Entity.Touch(now);
            }
        }
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new InvalidOperationException("Use SaveChangesAsync: the service never blocks a thread on the database.");

    internal static readonly ValueComparer<List<string>> StringListComparer = new(
        (a, b) => a!.SequenceEqual(b!),
        list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode(StringComparison.Ordinal))),
        list => list.ToList());
}

public sealed class SqliteCommerceDbContext(DbContextOptions<SqliteCommerceDbContext> options, TimeProvider clock) : CommerceDbContext(options, clock)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no timestamp type: store UTC instants as sortable integers so filters and sorts run in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class SqlServerCommerceDbContext(DbContextOptions<SqlServerCommerceDbContext> options, TimeProvider clock) : CommerceDbContext(options, clock);

public sealed class PostgreSqlCommerceDbContext(DbContextOptions<PostgreSqlCommerceDbContext> options, TimeProvider clock) : CommerceDbContext(options, clock);
