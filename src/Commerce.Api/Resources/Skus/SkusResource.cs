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
        .Attribute(s => s.DoNotTrack, Can.All, description: "True when the stock is not tracked: placing neither checks nor takes units.")
        .Computed("inventory", Inventory,
            "The stock as Commerce Layer shows it: available (may be bought now), quantity (units on hand; null when not tracked) and levels (one per stock location: quantity and delivery_lead_times).")
        .Attribute(s => s.PiecesPerPack, Can.Read | Can.Write | Can.Query)
        .Attribute(s => s.WeightGrams, Can.Read | Can.Write | Can.Query)
        .Attribute(s => s.Reference, Can.All)
        .WithTimestamps()
        .ToMany(s => s.Prices, "prices", p => p.SkuId)
        .ToOne(s => s.StockItem, "stock_items"));

    /// <summary>One stock location (the service has one): its level is the SKU's stock item; no delivery lead times are configured.</summary>
    private static Dictionary<string, object?> Inventory(Sku sku)
    {
        int? quantity = sku.DoNotTrack ? null : sku.StockItem?.Quantity ?? 0;
        return new Dictionary<string, object?>
        {
            ["available"] = sku.DoNotTrack || quantity > 0,
            ["quantity"] = quantity,
            ["levels"] = sku.DoNotTrack ? Array.Empty<object>() : new object[]
            {
                new Dictionary<string, object?> { ["quantity"] = quantity, ["delivery_lead_times"] = Array.Empty<object>() },
            },
        };
    }
}
