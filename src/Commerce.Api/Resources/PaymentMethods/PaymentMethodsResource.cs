using Commerce.Domain.Catalog;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources.PaymentMethods;

/// <summary><c>payment_methods</c>: how an order is paid: which payment source it takes, through which gateway.</summary>
internal static class PaymentMethodsResource
{
    public static readonly string[] SourceTypes = ["external_payments", "wire_transfers"];
    public static readonly string[] Gateways = ["test", "external"];

    public static void Define(ResourceGraphBuilder graph) => graph.Add<PaymentMethod, PaymentMethodHandler>("payment_methods", m => m.Id, r => r
        .Describe("A way to pay, with its fee, currency, payment source type and gateway.")
        .Attribute(m => m.Name, Can.All)
        .Attribute(m => m.PaymentSourceType, Can.All, description: "external_payments or wire_transfers.")
        .Attribute(m => m.CurrencyCode, Can.All)
        .Money("price_amount", m => m.PriceAmountCents, m => m.CurrencyCode, _ => null, Can.All, "The fee this method adds to an order, in minor units.")
        .Attribute(m => m.Gateway, Can.All, description: "test, external, or null for wire transfers.")
        .Attribute(m => m.DisabledAt, Can.All)
        .Attribute(m => m.Reference, Can.All)
        .WithTimestamps()
        .ToOne(m => m.Market, "markets", Can.Write, description: "The one market this method serves; none: every market."));
}
