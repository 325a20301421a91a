using Commerce.Domain.Catalog;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources.Prices;

/// <summary><c>prices</c>: what a SKU costs in one currency, in minor units.</summary>
internal static class PricesResource
{
    public static void Define(ResourceGraphBuilder graph) => graph.Add<Price, PriceHandler>("prices", p => p.Id, r => r
        .Describe("The price of a SKU in one currency.")
        .Attribute(p => p.CurrencyCode, Can.Read | Can.Create | Can.Query)
        .Attribute(p => p.AmountCents, Can.All, description: "Unit price in minor units of the currency.")
        .Attribute(p => p.CompareAtAmountCents, Can.All, description: "A reference (list) price, shown struck through.")
        .WithTimestamps()
        .ToOne(p => p.Sku, "skus", Can.Create));
}
