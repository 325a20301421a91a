using System.Globalization;
using GraphQL;
using GraphQL.Types;

namespace Commerce.Api.GraphQL.Nosto;

/// <summary>
/// The part of Nosto's GraphQL API a shop calls after a sale, served at Nosto's own path <c>/v1/graphql</c>: recording an
/// order placed elsewhere (<c>placeOrder</c>, a conversion) and the order page's recommendations (<c>pages.forOrderPage</c>),
/// over the service's own orders and recommender (<see cref="NostoOrders"/>). Integrations only; Nosto's
/// <c>Authorization: Basic base64(":" + token)</c> is taken as well as <c>Bearer</c>. Differences from Nosto: docs/graphql.md.
/// </summary>
internal sealed class NostoSchema : Schema
{
    public const string Path = "/v1/graphql";

    public NostoSchema()
    {
        Query = new NostoQuery();
        Mutation = new NostoMutation();
    }
}

internal sealed class NostoQuery : ObjectGraphType
{
    public NostoQuery()
    {
        Name = "Query";
        Field<NostoOrderType>("order").Description("An order by its number: the number a conversion was recorded with, or an order number of this service.")
            .Argument<NonNullGraphType<StringGraphType>>("number")
            .ResolveAsync(async c => await c.Orders().FindAsync(c.GetArgument<string>("number"), c.CancellationToken));
    }
}

internal sealed class NostoMutation : ObjectGraphType
{
    public NostoMutation()
    {
        Name = "Mutation";
        Field<NonNullGraphType<NostoOrderType>>("placeOrder")
            .Description("Records an order placed elsewhere (a conversion): the same number again updates the same order. No payment is taken, no stock moves.")
            .Argument<NonNullGraphType<LookupParamsType>>("by", "How id names the shopper: BY_REF a customer reference; BY_ID or BY_CID a visitor id.")
            .Argument<NonNullGraphType<StringGraphType>>("id")
            .Argument<NonNullGraphType<InputOrderType>>("params")
            .ResolveAsync(async c => await c.Orders().RecordAsync(c.GetArgument<string>("by"), c.GetArgument<string>("id"),
                c.GetArgument<Dictionary<string, object?>>("params") ?? [], c.CancellationToken));
    }
}

/// <summary>How <c>placeOrder</c>'s id names the shopper.</summary>
internal sealed class LookupParamsType : EnumerationGraphType
{
    public LookupParamsType()
    {
        Name = "LookupParams";
        Add("BY_REF", "BY_REF", "id is the customer's reference: the customer with that reference is linked to the order.");
        Add("BY_ID", "BY_ID", "id is a visitor id (Nosto's 2c.cId cookie): stored on the order, never used to authorize anything.");
        Add("BY_CID", "BY_CID", "The same as BY_ID (Nosto's newer name).");
    }
}

internal sealed class InputOrderType : InputObjectGraphType
{
    public InputOrderType()
    {
        Name = "InputOrder";
        Field<InputOrderCustomerType>("customer");
        Field<NonNullGraphType<InputOrderInfoType>>("order");
    }
}

internal sealed class InputOrderCustomerType : InputObjectGraphType
{
    public InputOrderCustomerType()
    {
        Name = "InputOrderCustomer";
        Field<StringGraphType>("firstName");
        Field<StringGraphType>("lastName");
        Field<StringGraphType>("email");
        Field<BooleanGraphType>("marketingPermission");
        Field<StringGraphType>("customerReference");
    }
}

internal sealed class InputOrderInfoType : InputObjectGraphType
{
    public InputOrderInfoType()
    {
        Name = "InputOrderInfo";
        Field<NonNullGraphType<StringGraphType>>("number").Description("The order's number where it was placed: the key of the recording, kept as the order's reference.");
        Field<StringGraphType>("orderStatus").Description("paid, pending, cancelled, refunded… (kept as is in metadata).");
        Field<StringGraphType>("paymentProvider");
        Field<StringGraphType>("ref");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InputItemType>>>>("purchasedItems");
    }
}

internal sealed class InputItemType : InputObjectGraphType
{
    public InputItemType()
    {
        Name = "InputItem";
        Field<StringGraphType>("name");
        Field<StringGraphType>("productId");
        Field<StringGraphType>("skuId").Description("The SKU's code (productId when absent); a code the catalog does not have is added to it, without price or stock.");
        Field<NonNullGraphType<StringGraphType>>("priceCurrencyCode");
        Field<NonNullGraphType<FloatGraphType>>("unitPrice").Description("In major units (22.43 EUR), stored as minor units.");
        Field<NonNullGraphType<IntGraphType>>("quantity");
    }
}

/// <summary>The order a conversion was recorded as.</summary>
internal sealed class NostoOrderType : ObjectGraphType<NostoOrder>
{
    public NostoOrderType()
    {
        Name = "Order";
        Field<NonNullGraphType<StringGraphType>>("id").Description("The order's id in this service (GET /api/orders/:id).").Resolve(c => c.Source.Order.Id);
        Field<StringGraphType>("number").Description("The number it was recorded with.").Resolve(c => c.Source.Number);
        Field<NonNullGraphType<StringGraphType>>("status").Resolve(c => c.Source.Order.Status);
        Field<NonNullGraphType<StringGraphType>>("paymentStatus").Resolve(c => c.Source.Order.PaymentStatus);
        Field<NonNullGraphType<NostoPagesType>>("pages").Resolve(c => c.Source);
    }
}

/// <summary>Recommendations by page type: the order page's only.</summary>
internal sealed class NostoPagesType : ObjectGraphType<NostoOrder>
{
    public NostoPagesType()
    {
        Name = "Pages";
        // Complexity: one slot usually (at most 10), its products a page of the recommender's (4).
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecommendationType>>>>("forOrderPage")
            .Description("The order-confirmation page's recommendations, one result per slot: products bought together with the order's products, padded with best sellers.")
            .Argument<NonNullGraphType<StringGraphType>>("value", "The order's number.")
            .Argument<InputRecommendationParamsType>("params")
            .ResolveAsync(async c =>
            {
                var parameters = c.GetArgument<Dictionary<string, object?>>("params") ?? [];
                var slots = parameters.TryGetValue("slotIds", out var ids) && ids is IEnumerable<object?> list ? list.Select(i => i?.ToString() ?? "").ToList() : null;
                return await c.Orders().ForOrderPageAsync(c.GetArgument<string>("value"), slots, c.CancellationToken);
            })
            .FieldType.WithComplexityImpact(1, 2);
    }
}

internal sealed class InputRecommendationParamsType : InputObjectGraphType
{
    public InputRecommendationParamsType()
    {
        Name = "InputRecommendationParams";
        Field<ImageVersionType>("imageVersion").Description("Accepted; every product has one image here.");
        Field<BooleanGraphType>("isPreview").Description("Accepted; nothing is recorded of a recommendation shown.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("slotIds").Description("The slots (div ids) to fill; thankyou-nosto-1 when absent. At most 10.");
    }
}

/// <summary>Nosto's image versions; accepted, and the same image is returned for each.</summary>
internal sealed class ImageVersionType : EnumerationGraphType
{
    public ImageVersionType()
    {
        Name = "ImageVersion";
        foreach (var name in new[] { "VERSION_1_170_170", "VERSION_2_90_90", "VERSION_3_90_70", "VERSION_4_50_50", "VERSION_5_100_100",
                     "VERSION_6_200_200", "VERSION_7_400_400", "VERSION_8_750_750", "VERSION_9_SQUARE", "ORIGINAL" })
            Add(name, name);
    }
}

internal sealed class RecommendationType : ObjectGraphType<NostoRecommendation>
{
    public RecommendationType()
    {
        Name = "Recommendation";
        Field<NonNullGraphType<StringGraphType>>("divId").Resolve(c => c.Source.DivId);
        Field<NonNullGraphType<StringGraphType>>("resultId").Description("Stable for the order and slot.").Resolve(c => c.Source.ResultId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NostoProductType>>>>("primary").Resolve(c => c.Source.Primary)
            .FieldType.WithComplexityImpact(1, Commerce.Domain.Recommendations.Recommender.DefaultSize);
    }
}

internal sealed class NostoProductType : ObjectGraphType<NostoProduct>
{
    public NostoProductType()
    {
        Name = "Product";
        Field<NonNullGraphType<StringGraphType>>("productId").Description("The SKU's code.").Resolve(c => c.Source.ProductId);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<FloatGraphType>("price").Description("In the order's currency; null when the SKU has no price in it.").Resolve(c => c.Source.Price);
        Field<StringGraphType>("priceText").Resolve(c => c.Source.PriceText);
        Field<StringGraphType>("currencyCode").Resolve(c => c.Source.CurrencyCode);
        Field<StringGraphType>("imageUrl").Resolve(c => c.Source.ImageUrl);
        Field<StringGraphType>("url").Description("Always null: the service has no product pages.").Resolve(c => c.Source.Url);
    }
}

internal static class NostoContext
{
    public static NostoOrders Orders(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<NostoOrders>();

    public static string? Text(this IDictionary<string, object?> input, string key) =>
        input.TryGetValue(key, out var value) ? value switch { null => null, string s => s, IFormattable f => f.ToString(null, CultureInfo.InvariantCulture), _ => value.ToString() } : null;

    public static IDictionary<string, object?>? Object(this IDictionary<string, object?> input, string key) =>
        input.TryGetValue(key, out var value) ? value as IDictionary<string, object?> : null;
}
