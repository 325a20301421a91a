using Commerce.Domain.Catalog;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources.Skus;

/// <summary><c>skus</c>: the products a shop sells, one per code.</summary>
internal static class SkusResource
{
    public static void Define(ResourceGraphBuilder graph) => graph.Add<Sku, SkuHandler>("skus", s => s.Id, r => r
        .Describe("A stock keeping unit: what a line item buys.")
        .Attribute(s => s.Code, Can.All, description: "Unique code of the SKU.")
        .Attribute(s => s.Name, Can.All)
        .Attribute(s => s.Description, Can.Read | Can.Write)
        .Attribute(s => s.ImageUrl, Can.Read | Can.Write)
        .Attribute(s => s.DoNotShip, Can.All, description: "True for goods that need no shipping (digital, services).")
        .Attribute(s => s.PiecesPerPack, Can.Read | Can.Write | Can.Query)
        .Attribute(s => s.WeightGrams, Can.Read | Can.Write | Can.Query)
        .Attribute(s => s.Reference, Can.All)
        .WithTimestamps()
        .ToMany(s => s.Prices, "prices", p => p.SkuId)
        .ToOne(s => s.StockItem, "stock_items"));
}
