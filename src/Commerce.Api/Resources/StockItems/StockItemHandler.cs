using Commerce.Api.Hosting;
using Commerce.Api.Persistence;
using Commerce.Domain.Catalog;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Resources;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.StockItems;

/// <summary><c>stock_items</c>: units on hand of one SKU (one stock item per SKU).</summary>
internal static class StockItemsResource
{
    public static void Define(ResourceGraphBuilder graph) => graph.Add<StockItem>("stock_items", i => i.Id, r => r
        .Describe("How many units of a SKU are on hand; never below zero.")
        .Attribute(i => i.Quantity, Can.All)
        .WithTimestamps()
        .ToOne(i => i.Sku, "skus", Can.Create));
}

internal sealed class StockItemRepository(CommerceDbContext db, IValidator<StockItem> validator, RelationshipTargets targets) : EntityRepository<StockItem>(db, validator)
{
    /// <summary>The catalog: every caller sees all of it.</summary>
    public override bool HidesNothing => true;

    protected override async Task<StockItem> NewAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        input.Require("quantity");
        var sku = await targets.RequireAsync<Sku>(input, "sku");
        return new StockItem(sku, (int)input.Attributes["quantity"]!);
    }
}

internal sealed class StockItemValidator : AbstractValidator<StockItem>
{
    public StockItemValidator(CommerceDbContext db)
    {
        RuleFor(i => i.Quantity).InclusiveBetween(0, 100_000_000);
        RuleFor(i => i.Sku)
            .MustAsync(async (item, _, ct) => !await db.StockItems.AnyAsync(s => s.SkuId == item.SkuId && s.Id != item.Id, ct))
            .WithMessage("The SKU already has a stock item.");
    }
}
