using Commerce.Domain.Catalog;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources.StockItems;

/// <summary><c>stock_items</c>: units on hand of one SKU (one stock item per SKU).</summary>
internal static class StockItemsResource
{
    public static void Define(ResourceGraphBuilder graph) => graph.Add<StockItem, StockItemHandler>("stock_items", i => i.Id, r => r
        .Describe("How many units of a SKU are on hand; never below zero.")
        .Attribute(i => i.Quantity, Can.All)
        .WithTimestamps()
        .ToOne(i => i.Sku, "skus", Can.Create));
}
