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
public abstract class CommerceDbContext(DbContextOptions options, TimeProvider clock, Commerce.Api.Outbox.OutboxSignal? outboxSignal) : DbContext(options)
{
    public DbSet<Sku> Skus => Set<Sku>();
    public DbSet<Price> Prices => Set<Price>();
    public DbSet<PriceList> PriceLists => Set<PriceList>();
    public DbSet<Market> Markets => Set<Market>();
    public DbSet<StockItem> StockItems => Set<StockItem>();
    public DbSet<ShippingMethod> ShippingMethods => Set<ShippingMethod>();
    public DbSet<PaymentMethod> PaymentMethods => Set<PaymentMethod>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<LineItem> LineItems => Set<LineItem>();
    public DbSet<Address> Addresses => Set<Address>();
    public DbSet<PaymentSource> PaymentSources => Set<PaymentSource>();
    public DbSet<Commerce.Domain.Customers.CustomerAddress> CustomerAddresses => Set<Commerce.Domain.Customers.CustomerAddress>();
    public DbSet<Commerce.Domain.Customers.CustomerPaymentSource> CustomerPaymentSources => Set<Commerce.Domain.Customers.CustomerPaymentSource>();
    public DbSet<PaymentTransaction> PaymentTransactions => Set<PaymentTransaction>();
    public DbSet<OrderNumber> OrderNumbers => Set<OrderNumber>();
    public DbSet<Commerce.Domain.Promotions.Promotion> Promotions => Set<Commerce.Domain.Promotions.Promotion>();
    public DbSet<Commerce.Domain.Promotions.OrderAmountPromotionRule> OrderAmountPromotionRules => Set<Commerce.Domain.Promotions.OrderAmountPromotionRule>();
    public DbSet<Commerce.Domain.Promotions.CouponCodesPromotionRule> CouponCodesPromotionRules => Set<Commerce.Domain.Promotions.CouponCodesPromotionRule>();
    public DbSet<Commerce.Domain.Promotions.Coupon> Coupons => Set<Commerce.Domain.Promotions.Coupon>();
    public DbSet<Commerce.Domain.GiftCards.GiftCard> GiftCards => Set<Commerce.Domain.GiftCards.GiftCard>();
    public DbSet<Commerce.Domain.GiftCards.GiftCardLedgerEntry> GiftCardLedger => Set<Commerce.Domain.GiftCards.GiftCardLedgerEntry>();
    public DbSet<Commerce.Domain.Placement.PlacementHold> PlacementHolds => Set<Commerce.Domain.Placement.PlacementHold>();
    public DbSet<Commerce.Api.Outbox.OutboxEvent> OutboxEvents => Set<Commerce.Api.Outbox.OutboxEvent>();
    public DbSet<Commerce.Api.Outbox.HandledEvent> HandledEvents => Set<Commerce.Api.Outbox.HandledEvent>();
    public DbSet<Commerce.Domain.Fulfillment.Shipment> Shipments => Set<Commerce.Domain.Fulfillment.Shipment>();
    public DbSet<Commerce.Api.Webhooks.Webhook> Webhooks => Set<Commerce.Api.Webhooks.Webhook>();
    public DbSet<Commerce.Api.Webhooks.WebhookDelivery> WebhookDeliveries => Set<Commerce.Api.Webhooks.WebhookDelivery>();
    public DbSet<Commerce.Api.Webhooks.EventCallback> EventCallbacks => Set<Commerce.Api.Webhooks.EventCallback>();
    public DbSet<Commerce.Api.Authentication.ApplicationClient> ApplicationClients => Set<Commerce.Api.Authentication.ApplicationClient>();
    public DbSet<Commerce.Api.Idempotency.IdempotencyRecord> IdempotencyRecords => Set<Commerce.Api.Idempotency.IdempotencyRecord>();
    public DbSet<Commerce.Api.Authentication.IssuedRefreshToken> RefreshTokens => Set<Commerce.Api.Authentication.IssuedRefreshToken>();
    public DbSet<CoPurchase> CoPurchases => Set<CoPurchase>();
    public DbSet<SkuSales> SkuSales => Set<SkuSales>();
    public DbSet<RecordedConversion> RecordedConversions => Set<RecordedConversion>();

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
        RefuseTooLongText();
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
        // What the order recorded goes into the outbox in this same transaction.
        var recorded = false;
        foreach (var order in ChangeTracker.Entries<Order>().ToList())
        {
            StampOwner(order.Entity.CustomerId, order.Entity.BillingAddress, order.Entity.ShippingAddress);
            foreach (var topic in order.Entity.DequeueEvents())
            {
                Add(new Commerce.Api.Outbox.OutboxEvent(topic, "orders", order.Entity.Id, now));
                recorded = true;
            }
            if (order.State == EntityState.Modified || (order.State == EntityState.Unchanged && aggregateChanged))
            {
                var version = order.Property<int>(OrderConfiguration.Version);
                version.CurrentValue = version.OriginalValue + 1;
                order.Entity.Touch(now);
            }
        }
        // A new customer (signed up, created by an integration, or found-or-created from an order's customer_email) is an event too.
        foreach (var customer in ChangeTracker.Entries<Customer>().Where(c => c.State == EntityState.Added).ToList())
        {
            Add(new Commerce.Api.Outbox.OutboxEvent(CustomerCreatedTopic, "customers", customer.Entity.Id, now));
            recorded = true;
        }
        // A gift card's balance is also moved by placement's conditional updates, which bump its version: a tracked change of a
        // card made from a stale load fails with a conflict instead of overwriting the balance.
        foreach (var card in ChangeTracker.Entries<Commerce.Domain.GiftCards.GiftCard>())
        {
            if (card.State != EntityState.Modified)
                continue;
            var version = card.Property<int>(GiftCardConfiguration.Version);
            version.CurrentValue = version.OriginalValue + 1;
        }
        return SaveAndSignalAsync(recorded, acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The topic recorded when a customer is created (Commerce Layer's name).</summary>
    public const string CustomerCreatedTopic = "customers.create";

    /// <summary>
    /// Text longer than its column is refused with 422 and the attribute's pointer, on every provider alike (SQLite would
    /// store it; PostgreSQL and SQL Server would fail the whole save). The value is never quoted: it may be a token.
    /// </summary>
    private void RefuseTooLongText()
    {
        var errors = new List<Commerce.JsonApi.Errors.ErrorObject>();
        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
                continue;
            foreach (var property in entry.Properties)
            {
                if (property.Metadata.ClrType != typeof(string) || property.Metadata.GetMaxLength() is not { } max || property.CurrentValue is not string text || text.Length <= max)
                    continue;
                if (entry.State == EntityState.Modified && !property.IsModified)
                    continue;
                var name = AttributeName(entry.Entity, property.Metadata.Name);
                errors.Add(new Commerce.JsonApi.Errors.ErrorObject(422, Commerce.JsonApi.Errors.ErrorCodes.ValidationError, "Unprocessable entity",
                    $"'{name}' is too long: at most {max} characters.", Commerce.JsonApi.Errors.ErrorSource.AtPointer("/data/attributes/" + name)));
            }
        }
        if (errors.Count > 0)
            throw new Commerce.JsonApi.Errors.JsonApiException(errors);
    }

    /// <summary>
    /// The attribute's name on the wire: the resource graph's (which may rename: an address's <c>Line1</c> is
    /// <c>line_1</c>), or the naming policy's where no resource shows the property.
    /// </summary>
    private string AttributeName(object entity, string property)
    {
        var services = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Infrastructure.IDbContextOptions>(this)
            .FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.ApplicationServiceProvider;
        if (services?.GetService(typeof(Commerce.JsonApi.Resources.ResourceGraph)) is Commerce.JsonApi.Resources.ResourceGraph graph)
        {
            var attribute = graph.Resources.Where(r => r.ClrType.IsInstanceOfType(entity)).SelectMany(r => r.Attributes)
                .FirstOrDefault(a => a.Expression?.Body is System.Linq.Expressions.MemberExpression member && member.Member.Name == property);
            if (attribute is not null)
                return attribute.Name;
        }
        return Commerce.JsonApi.Resources.NamingPolicy.ToMemberName(property);
    }

    private async Task<int> SaveAndSignalAsync(bool recorded, bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (recorded)
        {
            // Inside an explicit transaction the events are not visible yet: a dispatcher woken now would find
            // nothing and sleep a full poll. Wake it when the transaction commits instead.
            if (Database.CurrentTransaction is null)
                outboxSignal?.Notify();
            else
                _eventsAwaitingCommit = true;
        }
        return saved;
    }

    private bool _eventsAwaitingCommit;

    /// <summary>Called by <see cref="OutboxCommitSignal"/> when this context's transaction ends.</summary>
    internal void OnTransactionEnded(bool committed)
    {
        if (committed && _eventsAwaitingCommit)
            outboxSignal?.Notify();
        _eventsAwaitingCommit = false;
    }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(OutboxCommitSignal.Instance);

    /// <summary>
    /// An address the order made itself (<c>_shipping_address_same_as_billing</c> copies one) is new and has no owner: it
    /// belongs to the order's customer, who may read it as the rest of its order.
    /// </summary>
    private void StampOwner(string? customerId, params Address?[] addresses)
    {
        if (customerId is null)
            return;
        foreach (var address in addresses)
        {
            if (address is not null && Entry(address) is { State: EntityState.Added } entry && entry.Property(Ownership.CustomerId).CurrentValue is null)
                entry.Property(Ownership.CustomerId).CurrentValue = customerId;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new InvalidOperationException("Use SaveChangesAsync: the service never blocks a thread on the database.");

    internal static readonly ValueComparer<List<string>> StringListComparer = new(
        (a, b) => a!.SequenceEqual(b!),
        list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode(StringComparison.Ordinal))),
        list => list.ToList());
}

/// <summary>Tells a context that its transaction committed or rolled back, so events it saved wake the dispatcher only once they are visible.</summary>
internal sealed class OutboxCommitSignal : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
{
    public static readonly OutboxCommitSignal Instance = new();

    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData) =>
        (eventData.Context as CommerceDbContext)?.OnTransactionEnded(committed: true);

    public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData) =>
        (eventData.Context as CommerceDbContext)?.OnTransactionEnded(committed: false);

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction,
        Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as CommerceDbContext)?.OnTransactionEnded(committed: true);
        return Task.CompletedTask;
    }

    public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction,
        Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as CommerceDbContext)?.OnTransactionEnded(committed: false);
        return Task.CompletedTask;
    }
}

public sealed class SqliteCommerceDbContext(DbContextOptions<SqliteCommerceDbContext> options, TimeProvider clock, Commerce.Api.Outbox.OutboxSignal? outboxSignal)
    : CommerceDbContext(options, clock, outboxSignal)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no timestamp type: store UTC instants as sortable integers so filters and sorts run in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class SqlServerCommerceDbContext(DbContextOptions<SqlServerCommerceDbContext> options, TimeProvider clock, Commerce.Api.Outbox.OutboxSignal? outboxSignal)
    : CommerceDbContext(options, clock, outboxSignal);

public sealed class PostgreSqlCommerceDbContext(DbContextOptions<PostgreSqlCommerceDbContext> options, TimeProvider clock, Commerce.Api.Outbox.OutboxSignal? outboxSignal)
    : CommerceDbContext(options, clock, outboxSignal);
