using Commerce.Api.Authentication;
using Commerce.Api.Hosting;
using Commerce.Api.Orders;
using Commerce.Api.Persistence;
using Commerce.Domain.Orders;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.LineItems;

/// <summary><c>line_items</c>: what an order buys. The price comes from the SKU's price in the order's currency.</summary>
internal static class LineItemsResource
{
    public const string UpdateQuantity = "_update_quantity";

    public static void Define(ResourceGraphBuilder graph) => graph.Add<LineItem>("line_items", l => l.Id, r => r
        .Describe("A line of an order: a SKU and a quantity, priced from the catalog.")
        .Attribute(l => l.SkuCode, Can.Read | Can.Create | Can.Query)
        .Attribute(l => l.Quantity, Can.All, description: $"From {LineItem.MinQuantity} to {LineItem.MaxQuantity}.")
        .Attribute(l => l.Name, Can.Read | Can.Query)
        .Attribute(l => l.ImageUrl, Can.Read)
        .Attribute(l => l.CurrencyCode, Can.Read)
        .Money("unit_amount", l => l.UnitAmountCents, l => l.CurrencyCode, l => l.Order?.LanguageCode)
        .Money("total_amount", l => l.TotalAmountCents, l => l.CurrencyCode, l => l.Order?.LanguageCode)
        .WithTimestamps()
        .ToOne(l => l.Order, "orders", Can.Create)
        .ToOne(l => l.Sku, "skus")
        .Trigger<bool>(UpdateQuantity, "With true, adds the quantity to the order's line of the same SKU instead of adding a second line.", onCreate: true));
}

/// <summary>Line items change through their order, so the order's rules (editable, totals, status) always apply.</summary>
internal sealed class LineItemRepository(CommerceDbContext db, Caller caller, RelationshipTargets targets) : IResourceRepository<LineItem>
{
    // The order navigation is loaded for the language of formatted amounts.
    public IQueryable<LineItem> Query() => caller.IsCustomer
        ? db.LineItems.Include(l => l.Order).Where(l => l.Order!.CustomerId == caller.CustomerId)
        : db.LineItems.Include(l => l.Order);

    public bool HidesNothing => !caller.IsCustomer;

    public async Task<LineItem> CreateAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        input.Require("sku_code", "quantity");
        var order = await targets.RequireAsync<Order>(input, "order");
        var code = (string)input.Attributes["sku_code"]!;
        var sku = await db.Skus.Include(s => s.Prices).AsSingleQuery().FirstOrDefaultAsync(s => s.Code == code, cancellationToken)
            ?? throw JsonApiException.Invalid(ResourceInput.AttributePointer("sku_code"), $"There is no SKU with code '{code}'.");
        var line = order.AddLineItem(sku, (int)input.Attributes["quantity"]!, input.HasTrigger(LineItemsResource.UpdateQuantity));
        await db.SaveChangesAsync(cancellationToken);
        return line;
    }

    public async Task UpdateAsync(LineItem resource, ResourceInput input, CancellationToken cancellationToken)
    {
        var order = await db.LoadAggregateAsync(resource.OrderId, cancellationToken);
        if (input.TryGetAttribute<int>("quantity", out var quantity))
            order.ChangeLineItemQuantity(resource.Id, quantity);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(LineItem resource, CancellationToken cancellationToken)
    {
        var order = await db.LoadAggregateAsync(resource.OrderId, cancellationToken);
        order.RemoveLineItem(resource.Id);
        await db.SaveChangesAsync(cancellationToken);
    }
}
