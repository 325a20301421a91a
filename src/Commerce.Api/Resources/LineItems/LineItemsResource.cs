using Commerce.Api.Persistence;
using Commerce.Domain.Orders;
using Commerce.Domain.Promotions;
using Microsoft.EntityFrameworkCore;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources.LineItems;

/// <summary><c>line_items</c>: what an order buys. The price comes from the SKU's price in the order's currency.</summary>
internal static class LineItemsResource
{
    public const string UpdateQuantity = "_update_quantity";

    /// <summary>The types <c>item</c> may have: the line's <c>item_type</c>.</summary>
    public static readonly string[] ItemTypes = [LineItemTypes.Skus, .. PromotionTypes.ApplicationOrder];

    /// <summary><c>item</c>: the line's SKU or promotion, by <c>item_type</c> and the stored item id.</summary>
    private static async Task<IReadOnlyList<object>> LoadItemAsync(IServiceProvider services, object resource, CancellationToken cancellationToken)
    {
        var line = (LineItem)resource;
        // Lines stored before item_type existed have no item id: their SKU is their item.
        if ((line.IsSku ? line.SkuId : line.ItemId) is not { } id)
            return [];
        var db = services.GetRequiredService<CommerceDbContext>();
        object? item = line.IsSku
            ? await db.Skus.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            : PromotionTypes.IsPromotion(line.ItemType)
                ? await db.Promotions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
                : null;
        return item is null ? [] : [item];
    }

    public static void Define(ResourceGraphBuilder graph) => graph.Add<LineItem, LineItemHandler>("line_items", l => l.Id, r => r
        .Describe("A line of an order: a SKU and a quantity, priced from the catalog.")
        .Attribute(l => l.SkuCode, Can.Read | Can.Create | Can.Query)
        .Attribute(l => l.ItemType, Can.Read | Can.Create | Can.Query, description: "skus, or the promotion type of a discount line. On create: skus (the default), with sku_code.")
        .Attribute(l => l.CouponCode, Can.Read, description: "On a discount line: the coupon that triggered its promotion.")
        .Attribute(l => l.DiscountCents, Can.Read, description: "On a SKU line: its share of the order's discounts (≤ 0).")
        .Computed("discount_breakdown", l => l.DiscountBreakdown, "On a SKU line: its share of each discount line, by discount line id.")
        .Attribute(l => l.Quantity, Can.All, description: $"From {LineItem.MinQuantity} to {LineItem.MaxQuantity}.")
        .Attribute(l => l.Name, Can.Read | Can.Write | Can.Query, description: "The SKU's name unless sent (null: the SKU's again); _refresh takes the SKU's.")
        .Attribute(l => l.ImageUrl, Can.Read | Can.Write, description: "The SKU's image unless sent (an absolute http(s) URL; null: the SKU's again); _refresh takes the SKU's.")
        .Attribute(l => l.Metadata, Can.Read | Can.Write, description: "A JSON object, with an order's metadata limits; replaced whole when sent.")
        .Attribute(l => l.CurrencyCode, Can.Read)
        .Money("unit_amount", l => l.UnitAmountCents, l => l.CurrencyCode, l => l.Order?.LanguageCode)
        .Money("total_amount", l => l.TotalAmountCents, l => l.CurrencyCode, l => l.Order?.LanguageCode)
        .WithTimestamps()
        .ToOne(l => l.Order, "orders", Can.Create)
        .ToOne(l => l.Sku, "skus")
        .Loaded("item", RelationshipKind.ToOne, ItemTypes, LoadItemAsync, "What the line is: the SKU, or the promotion of a discount line.")
        .Trigger<bool>(UpdateQuantity, "With true, adds the quantity to the order's line of the same SKU instead of adding a second line.", onCreate: true));
}
