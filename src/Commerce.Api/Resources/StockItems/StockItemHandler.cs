using Commerce.Api.Persistence;
using Commerce.Domain.Catalog;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Http;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.StockItems;

internal sealed class StockItemHandler(CommerceDbContext db, IValidator<StockItem> validator, RelationshipTargets targets) : EntityHandler<StockItem>(db, validator)
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
