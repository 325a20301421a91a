using Commerce.Domain.Catalog;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources.Prices;

/// <summary><c>prices</c>: what a SKU costs in one price list, in minor units of the list's currency.</summary>
internal static class PricesResource
{
    public static void Define(ResourceGraphBuilder graph) => graph.Add<Price, PriceHandler>("prices", p => p.Id, r => r
        .Describe("The price of a SKU in one price list (and so in the list's currency).")
        .Attribute(p => p.CurrencyCode, Can.Read | Can.Create | Can.Query,
            description: "The price list's currency. On create, optional: it must agree with the price list; without a price_list it picks the list in that currency.")
        .Attribute(p => p.SkuCode, Can.Read | Can.Query, description: "The SKU's code: filter[q][sku_code_eq] or filter[q][sku_code_in].")
        .Money("amount", p => p.AmountCents, p => p.CurrencyCode, _ => null, Can.All, "Unit price in minor units of the currency.")
        .OptionalMoney("compare_at_amount", p => p.CompareAtAmountCents, p => p.CurrencyCode, _ => null, Can.All,
            "A reference (list) price, shown struck through.")
        .WithTimestamps()
        .ToOne(p => p.Sku, "skus", Can.Create)
        .ToOne(p => p.PriceList, "price_lists", Can.Create));
}
