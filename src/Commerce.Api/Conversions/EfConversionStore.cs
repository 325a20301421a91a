using System.Text.RegularExpressions;
using Commerce.Api.Persistence;
using Commerce.Api.Persistence.Configurations;
using Commerce.Api.Recommendations;
using Commerce.Domain.Catalog;
using Commerce.Domain.Common;
using Commerce.Domain.Conversions;
using Commerce.Domain.Orders;
using Commerce.Domain.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Conversions;

/// <summary>
/// <see cref="IConversionStore"/> on EF Core: the key of a recording is a row of <c>recorded_conversions</c> (unique by the
/// other system's number), saved with the order, its new SKUs and the recommender's counts in one transaction; the order's
/// version token makes a concurrent change of the same order lose instead of being overwritten.
/// </summary>
internal sealed partial class EfConversionStore(CommerceDbContext db, IServiceScopeFactory scopes, TimeProvider clock, Markets.MarketResolver markets) : IConversionStore
{
    public async Task<Order?> FindRecordedAsync(string number, CancellationToken cancellationToken)
    {
        var orderId = await db.RecordedConversions.AsNoTracking().Where(c => c.Number == number).Select(c => c.OrderId).FirstOrDefaultAsync(cancellationToken);
        return orderId is null ? null : await db.Orders.AsAggregate().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
    }

    public Task<Customer?> FindCustomerByReferenceAsync(string reference, CancellationToken cancellationToken) =>
        db.Customers.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).FirstOrDefaultAsync(c => c.Reference == reference, cancellationToken);

    public async Task<IReadOnlyDictionary<string, Sku>> SkusForAsync(IReadOnlyList<ConversionItem> items, CancellationToken cancellationToken)
    {
        var codes = items.Select(i => i.SkuId).Distinct(StringComparer.Ordinal).ToList();
        var skus = await db.Skus.Include(s => s.Prices).Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, StringComparer.Ordinal, cancellationToken);
        foreach (var item in items.Where(i => !skus.ContainsKey(i.SkuId)))
        {
            if (item.SkuId.Length > EntityMapping.CodeLength || !SkuCode().IsMatch(item.SkuId))
                throw new DomainException(FailureCodes.ValidationError,
                    "a purchased item's skuId is a SKU code: at most 64 letters, digits, '.', '_' and '-'", "items");
            var name = string.IsNullOrWhiteSpace(item.Name) ? item.SkuId : item.Name.Trim();
            var sku = new Sku(item.SkuId, name.Length > EntityMapping.NameLength ? name[..EntityMapping.NameLength] : name)
            {
                Reference = item.ProductId is { Length: > 0 and <= EntityMapping.NameLength } product ? product : null,
            };
            db.Skus.Add(sku);
            skus[sku.Code] = sku;
        }
        return skus;
    }

    public Task<Market> MarketForAsync(string currencyCode, CancellationToken cancellationToken) =>
        markets.ForNewOrderAsync(named: null, currencyCode, cancellationToken);

    public async Task<long> NextOrderNumberAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var number = new OrderNumber { OrderId = orderId };
        own.OrderNumbers.Add(number);
        await own.SaveChangesAsync(cancellationToken);
        return number.Value;
    }

    public async Task<ConversionSave> SaveAsync(Order order, bool isNew, string number, PurchaseCountChange counts, CancellationToken cancellationToken)
    {
        if (isNew)
        {
            db.Orders.Add(order);
            db.RecordedConversions.Add(new RecordedConversion { Number = number, OrderId = order.Id, CreatedAt = clock.GetUtcNow() });
        }
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                await PurchaseCountWriter.ApplyAsync(db, counts, ct);
                await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The number was recorded by another request first, or the order changed since it was loaded, or another
                // recording added the same new SKU or count row: nothing of this one is kept.
                await transaction.RollbackAsync(CancellationToken.None);
                return ConversionSave.Lost;
            }
            db.ChangeTracker.AcceptAllChanges();
            return ConversionSave.Saved;
        }, cancellationToken);
    }

    public void Reset() => db.ChangeTracker.Clear();

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex SkuCode();
}
