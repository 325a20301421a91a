using Commerce.Domain.Catalog;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources.ShippingMethods;

/// <summary><c>shipping_methods</c>: how an order travels, what it costs, where it goes.</summary>
internal static class ShippingMethodsResource
{
    public static void Define(ResourceGraphBuilder graph) => graph.Add<ShippingMethod, ShippingMethodHandler>("shipping_methods", m => m.Id, r => r
        .Describe("A way to ship an order, with its price and the countries it serves.")
        .Attribute(m => m.Name, Can.All)
        .Attribute(m => m.CurrencyCode, Can.All)
        .Money("price_amount", m => m.PriceAmountCents, m => m.CurrencyCode, _ => null, Can.All, "What the method costs, in minor units.")
        .OptionalMoney("free_over_amount", m => m.FreeOverAmountCents, m => m.CurrencyCode, _ => null, Can.All,
            "Shipping is free when the order subtotal reaches this amount.")
        .Attribute(m => m.CountryCodes, Can.Read | Can.Write, description: "ISO 3166-1 alpha-2 codes served; empty serves every country.")
        .Attribute(m => m.DisabledAt, Can.All)
        .Attribute(m => m.Reference, Can.All)
        .WithTimestamps()
        .ToOne(m => m.Market, "markets", Can.Write, description: "The one market this method serves; none: every market."));
}
