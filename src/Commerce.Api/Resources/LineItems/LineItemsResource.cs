using Commerce.Domain.Orders;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources.LineItems;

/// <summary><c>line_items</c>: what an order buys. The price comes from the SKU's price in the order's currency.</summary>
internal static class LineItemsResource
{
    public const string UpdateQuantity = "_update_quantity";

    public static void Define(ResourceGraphBuilder graph) => graph.Add<LineItem, LineItemHandler>("line_items", l => l.Id, r => r
        .Describe("A line of an order: a SKU and a quantity, priced from the catalog.")
        .Attribute(l => l.SkuCode, Can.Read | Can.Create | Can.Query)
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
        .Trigger<bool>(UpdateQuantity, "With true, adds the quantity to the order's line of the same SKU instead of adding a second line.", onCreate: true));
}
