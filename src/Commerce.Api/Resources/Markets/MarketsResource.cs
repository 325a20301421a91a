using Commerce.Domain.Catalog;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources.Markets;

/// <summary><c>markets</c>: where orders are sold and at which price list's prices.</summary>
internal static class MarketsResource
{
    public static void Define(ResourceGraphBuilder graph) => graph.Add<Market, MarketHandler>("markets", m => m.Id, r => r
        .Describe("A market: its orders take the currency and prices of its price list; a token scoped to it (scope=market:code:…) sees only its prices.")
        .Attribute(m => m.Name, Can.All)
        .Attribute(m => m.Code, Can.All, description: "Unique when present; names the market in a token's scope (market:code:<code>).")
        .Attribute(m => m.Number, Can.Read | Can.Query, description: "Assigned by the service, unique.")
        .Attribute(m => m.DisabledAt, Can.All, description: "A disabled market takes no new orders and issues no tokens.")
        .Attribute(m => m.CheckoutUrl, Can.All, description: "The shop's own checkout for this market, when it has one.")
        .Attribute(m => m.Reference, Can.All)
        .WithTimestamps()
        .ToOne(m => m.PriceList, "price_lists", Can.Write));
}
