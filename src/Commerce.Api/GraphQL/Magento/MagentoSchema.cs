using System.Globalization;
using Commerce.Domain.Orders;
using GraphQL;
using GraphQL.Types;

namespace Commerce.Api.GraphQL.Magento;

/// <summary>
/// Magento 2.4's GraphQL cart checkout (the part its checkout tutorial uses), served at <c>/graphql</c> over the service's
/// own orders (<see cref="MagentoCarts"/>). Field and type names are Magento's; what differs is in docs/graphql.md.
/// </summary>
internal sealed class MagentoSchema : Schema
{
    public const string Path = "/graphql";

    public MagentoSchema()
    {
        Query = new MagentoQuery();
        Mutation = new MagentoMutation();
        RegisterType(new SimpleProductType());
        RegisterType(new SimpleCartItemType());
    }

    public static GraphQLEndpoint Endpoint => new()
    {
        Path = Path,
        CreateSchema = _ => new MagentoSchema(),
        Anonymous = AnonymousAccess.PublicSalesChannel,
        SdlFileName = "magento.graphql",
    };
}

internal static class MagentoArguments
{
    public static IDictionary<string, object?> Input(this IResolveFieldContext context) =>
        context.GetArgument<Dictionary<string, object?>>("input") ?? [];

    public static string? Text(this IDictionary<string, object?> input, string key) =>
        input.TryGetValue(key, out var value) ? value?.ToString() : null;

    public static IDictionary<string, object?>? Object(this IDictionary<string, object?> input, string key) =>
        input.TryGetValue(key, out var value) ? value as IDictionary<string, object?> : null;

    public static IReadOnlyList<IDictionary<string, object?>> Objects(this IDictionary<string, object?> input, string key) =>
        input.TryGetValue(key, out var value) && value is IEnumerable<object?> list ? [.. list.OfType<IDictionary<string, object?>>()] : [];

    public static bool Flag(this IDictionary<string, object?> input, string key) => input.TryGetValue(key, out var value) && value is true;

    public static double Number(this IDictionary<string, object?> input, string key) =>
        input.TryGetValue(key, out var value) && value is not null ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : 0;

    public static MagentoCarts Carts(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<MagentoCarts>();

    /// <summary>Options are not supported: a product with selected or entered options is refused, not silently bought without them.</summary>
    public static CartLine Line(IDictionary<string, object?> item)
    {
        if ((item.TryGetValue("selected_options", out var selected) && selected is IEnumerable<object?> s && s.Any())
            || (item.TryGetValue("entered_options", out var entered) && entered is IEnumerable<object?> e && e.Any()))
            throw new MagentoError("Product options are not supported: every product is simple here.", MagentoError.Input);
        return new(item.Text("sku") ?? "", item.Number("quantity"));
    }
}

internal sealed class MagentoQuery : ObjectGraphType
{
    public MagentoQuery()
    {
        Name = "Query";
        Field<CartType>("cart").Description("A cart by id: a guest's, or the signed-in customer's own.")
            .Argument<NonNullGraphType<StringGraphType>>("cart_id")
            .ResolveAsync(async c => await c.Carts().LoadCartAsync(c.GetArgument<string>("cart_id"), active: true, c.CancellationToken));
        Field<NonNullGraphType<CartType>>("customerCart").Description("The signed-in customer's active cart, created when there is none.")
            .ResolveAsync(async c => await c.Carts().CustomerCartAsync(c.CancellationToken));
        Field<CustomerType>("customer").Description("The signed-in customer.")
            .ResolveAsync(async c => await c.Carts().CurrentCustomerAsync(c.CancellationToken));
    }
}

internal sealed class MagentoMutation : ObjectGraphType
{
    public MagentoMutation()
    {
        Name = "Mutation";
        Field<StringGraphType>("createEmptyCart").Description("A new cart's id (a signed-in customer's active cart's).")
            .Argument<CreateEmptyCartInputType>("input")
            .ResolveAsync(async c => (await c.Carts().CreateCartAsync(c.Input().Text("cart_id"), guestOnly: false, c.CancellationToken)).Id);
        Field<CartOutputType>("createGuestCart").Description("A new guest cart.")
            .Argument<CreateGuestCartInputType>("input")
            .ResolveAsync(async c => await c.Carts().CreateCartAsync(c.Input().Text("cart_uid"), guestOnly: true, c.CancellationToken));
        Field<CartOutputType>("addSimpleProductsToCart")
            .Argument<AddSimpleProductsToCartInputType>("input")
            .ResolveAsync(async c =>
            {
                var input = c.Input();
                var lines = input.Objects("cart_items").Select(i => MagentoArguments.Line(i.Object("data") ?? new Dictionary<string, object?>())).ToList();
                return (await c.Carts().AddProductsAsync(input.Text("cart_id"), lines, collectErrors: false, c.CancellationToken)).Cart;
            });
        Field<AddProductsToCartOutputType>("addProductsToCart")
            .Argument<NonNullGraphType<StringGraphType>>("cartId")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<CartItemInputType>>>>("cartItems")
            .ResolveAsync(async c =>
            {
                var items = c.GetArgument<List<Dictionary<string, object?>>>("cartItems") ?? [];
                var lines = items.Select(i => MagentoArguments.Line(i)).ToList();
                return await c.Carts().AddProductsAsync(c.GetArgument<string>("cartId"), lines, collectErrors: true, c.CancellationToken);
            });
        Field<CartOutputType>("updateCartItems")
            .Argument<UpdateCartItemsInputType>("input")
            .ResolveAsync(async c =>
            {
                var input = c.Input();
                var items = input.Objects("cart_items").Select(i => (i.Text("cart_item_uid") ?? i.Text("cart_item_id") ?? "", i.Number("quantity"))).ToList();
                return await c.Carts().UpdateItemsAsync(input.Text("cart_id"), items, c.CancellationToken);
            });
        Field<CartOutputType>("removeItemFromCart")
            .Argument<RemoveItemFromCartInputType>("input")
            .ResolveAsync(async c => await c.Carts().RemoveItemAsync(c.Input().Text("cart_id"), c.Input().Text("cart_item_uid"), c.CancellationToken));
        Field<CartOutputType>("setGuestEmailOnCart")
            .Argument<SetGuestEmailOnCartInputType>("input")
            .ResolveAsync(async c => await c.Carts().SetGuestEmailAsync(c.Input().Text("cart_id"), c.Input().Text("email"), c.CancellationToken));
        Field<CartOutputType>("setShippingAddressesOnCart")
            .Argument<SetShippingAddressesOnCartInputType>("input")
            .ResolveAsync(async c =>
            {
                var input = c.Input();
                var addresses = input.Objects("shipping_addresses");
                if (addresses.Count != 1)
                    throw new MagentoError(addresses.Count == 0 ? "The shipping address must contain either \"customer_address_id\" or \"address\"." : "You cannot specify multiple shipping addresses.", MagentoError.Input);
                if (addresses[0].Text("customer_address_id") is not null)
                    throw new MagentoError("customer_address_id is not supported: send the address.", MagentoError.Input);
                if (addresses[0].Text("customer_notes") is not null)
                    throw new MagentoError("customer_notes is not supported.", MagentoError.Input);
                return await c.Carts().SetShippingAddressAsync(input.Text("cart_id"), MagentoAddress.From(addresses[0].Object("address")), c.CancellationToken);
            });
        Field<CartOutputType>("setBillingAddressOnCart")
            .Argument<SetBillingAddressOnCartInputType>("input")
            .ResolveAsync(async c =>
            {
                var input = c.Input();
                var billing = input.Object("billing_address") ?? new Dictionary<string, object?>();
                if (billing.Text("customer_address_id") is not null)
                    throw new MagentoError("customer_address_id is not supported: send the address.", MagentoError.Input);
                return await c.Carts().SetBillingAddressAsync(input.Text("cart_id"), MagentoAddress.From(billing.Object("address")),
                    billing.Flag("same_as_shipping"), billing.Flag("use_for_shipping"), c.CancellationToken);
            });
        Field<CartOutputType>("setShippingMethodsOnCart")
            .Argument<SetShippingMethodsOnCartInputType>("input")
            .ResolveAsync(async c =>
            {
                var input = c.Input();
                var methods = input.Objects("shipping_methods").Select(m => (m.Text("carrier_code") ?? "", m.Text("method_code") ?? "")).ToList();
                return await c.Carts().SetShippingMethodAsync(input.Text("cart_id"), methods, c.CancellationToken);
            });
        Field<CartOutputType>("setPaymentMethodOnCart")
            .Argument<SetPaymentMethodOnCartInputType>("input")
            .ResolveAsync(async c =>
            {
                var input = c.Input();
                var method = input.Object("payment_method") ?? new Dictionary<string, object?>();
                return await c.Carts().SetPaymentMethodAsync(input.Text("cart_id"), method.Text("code"), method.Text("payment_source_token"), c.CancellationToken);
            });
        Field<CartOutputType>("applyCouponToCart").Description("Applies a coupon (coupon_code, one per cart, as in Magento).")
            .Argument<ApplyCouponToCartInputType>("input")
            .ResolveAsync(async c => await c.Carts().ApplyCouponAsync(c.Input().Text("cart_id"), c.Input().Text("coupon_code"), c.CancellationToken));
        Field<CartOutputType>("removeCouponFromCart").Description("Removes the cart's coupon.")
            .Argument<RemoveCouponFromCartInputType>("input")
            .ResolveAsync(async c => await c.Carts().RemoveCouponAsync(c.Input().Text("cart_id"), c.CancellationToken));
        Field<CartOutputType>("applyGiftCardToCart").Description("Pays with a gift card (gift_card_code, one per cart).")
            .Argument<ApplyGiftCardToCartInputType>("input")
            .ResolveAsync(async c => await c.Carts().ApplyGiftCardAsync(c.Input().Text("cart_id"), c.Input().Text("gift_card_code"), c.CancellationToken));
        Field<CartOutputType>("removeGiftCardFromCart").Description("Removes the cart's gift card.")
            .Argument<RemoveGiftCardFromCartInputType>("input")
            .ResolveAsync(async c => await c.Carts().RemoveGiftCardAsync(c.Input().Text("cart_id"), c.Input().Text("gift_card_code"), c.CancellationToken));
        Field<PlaceOrderOutputType>("placeOrder")
            .Argument<PlaceOrderInputType>("input")
            .ResolveAsync(async c =>
            {
                var result = await c.Carts().PlaceAsync(c.Input().Text("cart_id"), c.CancellationToken);
                // Magento answers a failure twice: in the top-level errors (with its category) and in placeOrder.errors (with its code).
                foreach (var error in result.Errors)
                    c.Errors.Add(new MagentoError(error.Message, error.Category, error.PlaceOrderCode) { Path = c.Path });
                return result;
            });
        Field<CustomerTokenType>("generateCustomerToken")
            .Argument<NonNullGraphType<StringGraphType>>("email")
            .Argument<NonNullGraphType<StringGraphType>>("password")
            .ResolveAsync(async c => await c.Carts().GenerateCustomerTokenAsync(c.GetArgument<string>("email"), c.GetArgument<string>("password"), c.CancellationToken));
    }
}

/// <summary>The <c>{ cart }</c> every cart mutation answers (AddSimpleProductsToCartOutput, SetGuestEmailOnCartOutput, … share it).</summary>
internal sealed class CartOutputType : ObjectGraphType<Order>
{
    public CartOutputType()
    {
        Name = "CartOutput";
        Description = "Magento has one output type per mutation, each { cart }; they are one type here.";
        Field<NonNullGraphType<CartType>>("cart").Resolve(c => c.Source);
    }
}

internal sealed class CartUserInputErrorType : ObjectGraphType<CartUserError>
{
    public CartUserInputErrorType()
    {
        Name = "CartUserInputError";
        Field<NonNullGraphType<StringGraphType>>("code").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<StringGraphType>>("message").Resolve(c => c.Source.Message);
    }
}

internal sealed class AddProductsToCartOutputType : ObjectGraphType<(Order Cart, IReadOnlyList<CartUserError> Errors)>
{
    public AddProductsToCartOutputType()
    {
        Name = "AddProductsToCartOutput";
        Field<NonNullGraphType<CartType>>("cart").Resolve(c => c.Source.Cart);
        Field<NonNullGraphType<ListGraphType<CartUserInputErrorType>>>("user_errors").Resolve(c => c.Source.Errors);
    }
}

internal sealed class OrderType : ObjectGraphType<Order>
{
    public OrderType()
    {
        Name = "Order";
        Field<NonNullGraphType<StringGraphType>>("order_number").Resolve(c => NumberOf(c.Source));
        Field<StringGraphType>("order_id").DeprecationReason("Use order_number.").Resolve(c => NumberOf(c.Source));
    }

    public static string NumberOf(Order order) => order.Number?.ToString(CultureInfo.InvariantCulture) ?? "";
}

internal sealed class CustomerOrderType : ObjectGraphType<Order>
{
    public CustomerOrderType()
    {
        Name = "CustomerOrder";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("number").Resolve(c => OrderType.NumberOf(c.Source));
        Field<NonNullGraphType<StringGraphType>>("token").Description("The order's token (the secret of its checkout link).").Resolve(c => c.Source.Token);
        Field<StringGraphType>("status").Resolve(c => c.Source.Status);
        Field<StringGraphType>("email").Resolve(c => c.Source.CustomerEmail);
        Field<StringGraphType>("order_date").Resolve(c => c.Source.PlacedAt?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
    }
}

internal sealed class PlaceOrderErrorType : ObjectGraphType<MagentoError>
{
    public PlaceOrderErrorType()
    {
        Name = "PlaceOrderError";
        Field<NonNullGraphType<StringGraphType>>("code").Resolve(c => c.Source.PlaceOrderCode);
        Field<NonNullGraphType<StringGraphType>>("message").Resolve(c => c.Source.Message);
    }
}

internal sealed class PlaceOrderOutputType : ObjectGraphType<PlaceOrderResult>
{
    public PlaceOrderOutputType()
    {
        Name = "PlaceOrderOutput";
        Field<OrderType>("order").DeprecationReason("Use orderV2.").Resolve(c => c.Source.Order);
        Field<CustomerOrderType>("orderV2").Resolve(c => c.Source.Order);
        Field<NonNullGraphType<ListGraphType<PlaceOrderErrorType>>>("errors").Resolve(c => c.Source.Errors);
    }
}

internal sealed class CustomerTokenType : ObjectGraphType<string>
{
    public CustomerTokenType()
    {
        Name = "CustomerToken";
        Field<StringGraphType>("token").Resolve(c => c.Source);
    }
}

internal sealed class CustomerType : ObjectGraphType<Commerce.Domain.Catalog.Customer>
{
    public CustomerType()
    {
        Name = "Customer";
        Field<StringGraphType>("email").Resolve(c => c.Source.Email);
    }
}

internal static class MagentoServiceCollectionExtensions
{
    /// <summary>Magento's schema at <c>/graphql</c>, and its use cases.</summary>
    /// <param name="signInsPerMinute">generateCustomerToken's budget per client address (Limits:TokenRequestsPerIpPerMinute, as token requests).</param>
    public static IServiceCollection AddMagentoGraphQL(this IServiceCollection services, int signInsPerMinute)
    {
        services.AddScoped<MagentoCarts>();
        services.AddSingleton(new SignInLimiter(signInsPerMinute));
        return services.AddGraphQLEndpoint(MagentoSchema.Endpoint);
    }
}
