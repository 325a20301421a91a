using System.Threading.RateLimiting;
using Commerce.Api.Authentication;
using Commerce.Api.Persistence;
using Commerce.Api.Resources.Orders;
using Commerce.Api.Telemetry;
using Commerce.Domain.Catalog;
using Commerce.Domain.Common;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;
using Commerce.JsonApi.Errors;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.GraphQL.Magento;

/// <summary>One product of an add-to-cart request.</summary>
internal sealed record CartLine(string Sku, double Quantity);

/// <summary>A line Magento's <c>addProductsToCart</c> could not add (its <c>user_errors</c>).</summary>
internal sealed record CartUserError(string Code, string Message);

/// <summary>What <c>placeOrder</c> answers: the placed order, or the errors in Magento's words and codes.</summary>
internal sealed record PlaceOrderResult(Order? Order, IReadOnlyList<MagentoError> Errors);

/// <summary>
/// Magento's cart checkout over the service's own core: a cart is a draft order, every change is the order aggregate's
/// intent-named method, and <c>placeOrder</c> is <see cref="PlacementService.PlaceAsync"/>, the path <c>_place</c> takes
/// (same compare-and-set, pending authorization, reconciler). Who may touch a cart: the customer it belongs to; a guest cart
/// anybody with its id who is not signed in (the id is the capability, as Magento's masked id is); an integration any.
/// </summary>
internal sealed class MagentoCarts(
    CommerceDbContext db,
    Caller caller,
    PlacementService placement,
    CommerceMetrics metrics,
    GraphQLOptions options,
    IPlacementStore stock,
    CustomerPasswords passwords,
    CustomerAccessTokens tokens,
    SignInLimiter signInLimiter,
    Commerce.Api.Markets.MarketResolver markets,
    Commerce.Api.Resources.GiftCards.OrderGiftCardCodes giftCardCodes,
    IHttpContextAccessor http,
    TimeProvider clock)
{
    public const int MaxCartLines = 100;

    // ---- creating and finding carts ------------------------------------------------------------

    /// <summary><c>createEmptyCart</c> / <c>createGuestCart</c>: a new draft order; a signed-in customer gets its active cart (or a new one).</summary>
    public async Task<Order> CreateCartAsync(string? requestedId, bool guestOnly, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(requestedId))
            throw new MagentoError("Choosing the cart id (input.cart_id) is not supported: the service assigns it. Leave cart_id out.", MagentoError.Input);
        if (caller.IsCustomer)
        {
            if (guestOnly)
                throw new MagentoError("Use `Query.customerCart` for logged in customer.", MagentoError.Authorization);
            return await CustomerCartAsync(cancellationToken);
        }
        var order = Order.Create(await MarketOfNewCartAsync(cancellationToken), "en");
        db.Orders.Add(order);
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    /// <summary><c>customerCart</c>: the signed-in customer's newest draft or pending order, created when there is none.</summary>
    public async Task<Order> CustomerCartAsync(CancellationToken cancellationToken)
    {
        if (!caller.IsCustomer)
            throw new MagentoError("The current customer isn't authorized.", MagentoError.Authorization);
        var existing = await db.Orders.AsAggregate()
            .Where(o => o.CustomerId == caller.CustomerId && (o.Status == OrderStatus.Draft || o.Status == OrderStatus.Pending))
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
            return existing;
        var customer = await db.Customers.FirstAsync(c => c.Id == caller.CustomerId, cancellationToken);
        var order = Order.Create(await MarketOfNewCartAsync(cancellationToken), "en");
        order.AssignCustomer(customer);
        db.Orders.Add(order);
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    /// <summary>
    /// The cart, loaded whole and tracked, after the checks Magento makes in its order: an id was given, it exists, the caller
    /// may use it, and (<paramref name="active"/>) it is still a cart (draft or pending).
    /// </summary>
    public async Task<Order> LoadCartAsync(string? cartId, bool active, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(cartId))
            throw MagentoError.CartIdMissing();
        var order = await db.Orders.AsAggregate().FirstOrDefaultAsync(o => o.Id == cartId, cancellationToken)
            ?? throw MagentoError.CartNotFoundError(cartId);
        if (!caller.IsIntegration && order.CustomerId != caller.CustomerId)
            throw MagentoError.NotYourCart(cartId);
        if (active && !order.Editable)
            throw MagentoError.CartNotActiveError();
        // Every change re-prices the cart with the promotions active now, as over JSON:API.
        if (active)
            await Placement.PromotionCandidates.LoadAsync(db, order, clock.GetUtcNow(), cancellationToken, order.CouponCode);
        return order;
    }

    // ---- coupons ---------------------------------------------------------------------------------

    /// <summary>
    /// <c>applyCouponToCart</c>, Magento's checks in Magento's order and words: a coupon code is given, the cart has no coupon yet
    /// (one per cart: remove it first), the cart has products, and the code applies (<see cref="Order.SetCouponCode"/>: unknown,
    /// expired, used up, disabled or not applicable are one message, as in Magento).
    /// </summary>
    public async Task<Order> ApplyCouponAsync(string? cartId, string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(cartId))
            throw MagentoError.CartIdMissing();
        if (string.IsNullOrWhiteSpace(code))
            throw new MagentoError("Required parameter \"coupon_code\" is missing", MagentoError.Input);
        var order = await LoadCartAsync(cartId, active: true, cancellationToken);
        if (order.CouponCode is not null)
            throw new MagentoError("A coupon is already applied to the cart. Please remove it to apply another", MagentoError.Input);
        if (!order.SkuLines.Any())
            throw new MagentoError("Cart does not contain products.", MagentoError.NoSuchEntity);
        await Placement.PromotionCandidates.LoadAsync(db, order, clock.GetUtcNow(), cancellationToken, code);
        try
        {
            order.SetCouponCode(code);
        }
        catch (DomainException)
        {
            throw new MagentoError("The coupon code isn't valid. Verify the code and try again.", MagentoError.NoSuchEntity);
        }
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    /// <summary><c>removeCouponFromCart</c>: the cart must have products (Magento's rule); without a coupon it is a no-op.</summary>
    public async Task<Order> RemoveCouponAsync(string? cartId, CancellationToken cancellationToken)
    {
        var order = await LoadCartAsync(cartId, active: true, cancellationToken);
        if (!order.SkuLines.Any())
            throw new MagentoError("Cart does not contain products.", MagentoError.NoSuchEntity);
        order.SetCouponCode(null);
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    // ---- gift cards ------------------------------------------------------------------------------

    /// <summary>
    /// <c>applyGiftCardToCart</c> (Adobe Commerce's), over the order's <c>gift_card_code</c> with the same lookup and the same
    /// limit on failed codes as over JSON:API. One card per cart (Magento takes several): a second is refused until the first is
    /// removed. A code that finds no usable card is Magento's one message; it never quotes the code.
    /// </summary>
    public async Task<Order> ApplyGiftCardAsync(string? cartId, string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(cartId))
            throw MagentoError.CartIdMissing();
        if (string.IsNullOrWhiteSpace(code))
            throw new MagentoError("Required parameter \"gift_card_code\" is missing", MagentoError.Input);
        var order = await LoadCartAsync(cartId, active: true, cancellationToken);
        if (order.GiftCardCode is not null)
            throw new MagentoError("A gift card is already applied to the cart. Remove it to apply another.", MagentoError.Input);
        try
        {
            await giftCardCodes.ApplyCodeAsync(order, code.Trim(), cancellationToken);
        }
        catch (JsonApiException refused) when (refused.Errors.Any(e => e.Status == 429))
        {
            throw new MagentoError("Too many gift card codes that did not apply. Try again later.", MagentoError.Input);
        }
        catch (Exception refused) when (refused is JsonApiException or DomainException)
        {
            throw new MagentoError("The gift card code couldn't be added. Verify your information and try again.", MagentoError.Input);
        }
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    /// <summary><c>removeGiftCardFromCart</c>: the code must be the cart's card (Magento's message otherwise).</summary>
    public async Task<Order> RemoveGiftCardAsync(string? cartId, string? code, CancellationToken cancellationToken)
    {
        var order = await LoadCartAsync(cartId, active: true, cancellationToken);
        if (order.GiftCardCode is null || !string.Equals(order.GiftCardCode, code?.Trim(), StringComparison.Ordinal))
            throw new MagentoError("The gift card couldn't be deleted from the quote.", MagentoError.Input);
        order.RemoveGiftCard();
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    /// <summary>
    /// A new cart's market: the one whose code the <c>Store</c> header names (an unknown or disabled one: Magento's "Requested
    /// store is not found"); without a header, or with <c>default</c>, the market <see cref="Commerce.Api.Markets.MarketResolver"/>
    /// picks for the configured cart currency (the token's market, when it is scoped, wins as for every new order).
    /// </summary>
    private async Task<Market> MarketOfNewCartAsync(CancellationToken cancellationToken)
    {
        var store = http.HttpContext?.Request.Headers["Store"].ToString();
        Market? named = null;
        if (!string.IsNullOrEmpty(store) && store != "default")
            named = await db.Markets.Include(m => m.PriceList).FirstOrDefaultAsync(m => m.Code == store && m.DisabledAt == null, cancellationToken)
                ?? throw new MagentoError("Requested store is not found", MagentoError.Input);
        return await markets.ForNewOrderAsync(named, named is null && caller.MarketId is null ? options.CartCurrencyCode : null, cancellationToken);
    }

    // ---- items ---------------------------------------------------------------------------------

    /// <summary>
    /// Adds each product (a second add of a SKU raises its line's quantity, as Magento does). A line that cannot be added is a
    /// user error when <paramref name="collectErrors"/> (<c>addProductsToCart</c>), otherwise the whole request fails and
    /// nothing is added (<c>addSimpleProductsToCart</c>).
    /// </summary>
    public async Task<(Order Cart, IReadOnlyList<CartUserError> Errors)> AddProductsAsync(string? cartId, IReadOnlyList<CartLine> lines, bool collectErrors, CancellationToken cancellationToken)
    {
        var order = await LoadCartAsync(cartId, active: true, cancellationToken);
        var errors = new List<CartUserError>();
        var codes = lines.Select(l => l.Sku).Distinct().ToList();
        var skus = await db.Skus.Include(s => s.Prices).AsSingleQuery().Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, cancellationToken);
        foreach (var line in lines)
        {
            var problem = await TryAddAsync(order, skus.GetValueOrDefault(line.Sku), line, cancellationToken);
            if (problem is null)
                continue;
            if (!collectErrors)
                throw new MagentoError(problem.Message, problem.Code == "PRODUCT_NOT_FOUND" ? MagentoError.NoSuchEntity : MagentoError.Input);
            errors.Add(problem);
        }
        await db.SaveChangesAsync(cancellationToken);
        return (order, errors);
    }

    private async Task<CartUserError?> TryAddAsync(Order order, Sku? sku, CartLine line, CancellationToken cancellationToken)
    {
        if (sku is null)
            return new("PRODUCT_NOT_FOUND", $"Could not find a product with SKU \"{line.Sku}\"");
        if (line.Quantity <= 0 || line.Quantity != Math.Floor(line.Quantity) || line.Quantity > int.MaxValue)
            return new("INVALID_PRODUCT_QUANTITY", "The product quantity should be a whole number greater than 0");
        if (sku.PriceIn(order.PriceListId) is null)
            return new("PRODUCT_NOT_FOUND", $"Could not find a product with SKU \"{line.Sku}\"");
        var before = order.LineItems.FirstOrDefault(l => l.SkuId == sku.Id)?.Quantity ?? 0;
        var wanted = before + (long)line.Quantity;
        var available = await stock.FindStockAsync([sku.Id], cancellationToken);
        if (wanted > available.GetValueOrDefault(sku.Id))
            return new("INSUFFICIENT_STOCK", "The requested qty is not available");
        try
        {
            order.AddLineItem(sku, (int)line.Quantity, updateQuantity: true);
            return null;
        }
        catch (DomainException domain)
        {
            var failure = domain.Failures[0];
            return failure.Member == "quantity"
                ? new("INVALID_PRODUCT_QUANTITY", $"The product quantity is not valid: {failure.Detail}")
                : new("UNDEFINED", $"Could not add the product with SKU {line.Sku} to the shopping cart: {failure.Detail}");
        }
    }

    /// <summary><c>updateCartItems</c>: a quantity of 0 removes the line.</summary>
    public async Task<Order> UpdateItemsAsync(string? cartId, IReadOnlyList<(string Uid, double Quantity)> items, CancellationToken cancellationToken)
    {
        var order = await LoadCartAsync(cartId, active: true, cancellationToken);
        foreach (var (uid, quantity) in items)
        {
            if (order.LineItems.All(l => l.Id != uid))
                throw new MagentoError($"Could not find cart item with id: {uid} in cart {order.Id}", MagentoError.NoSuchEntity);
            if (quantity == 0)
                order.RemoveLineItem(uid);
            else if (quantity < 0 || quantity != Math.Floor(quantity) || quantity > int.MaxValue)
                throw new MagentoError("The product quantity should be a whole number greater than 0", MagentoError.Input);
            else
                Domain(() => order.ChangeLineItemQuantity(uid, (int)quantity));
        }
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    /// <summary><c>removeItemFromCart</c>.</summary>
    public async Task<Order> RemoveItemAsync(string? cartId, string? uid, CancellationToken cancellationToken)
    {
        var order = await LoadCartAsync(cartId, active: true, cancellationToken);
        if (string.IsNullOrEmpty(uid))
            throw new MagentoError("Required parameter \"cart_item_uid\" is missing.", MagentoError.Input);
        if (order.LineItems.All(l => l.Id != uid))
            throw new MagentoError($"The cart doesn't contain the item", MagentoError.NoSuchEntity);
        order.RemoveLineItem(uid);
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    // ---- email, addresses, methods -----------------------------------------------------------

    /// <summary><c>setGuestEmailOnCart</c>: guests only (a customer's cart has the customer's email).</summary>
    public async Task<Order> SetGuestEmailAsync(string? cartId, string? email, CancellationToken cancellationToken)
    {
        var order = await LoadCartAsync(cartId, active: true, cancellationToken);
        if (caller.IsCustomer || !order.Guest)
            throw new MagentoError("The request is not allowed for logged in customers", MagentoError.Authorization);
        if (string.IsNullOrWhiteSpace(email))
            throw new MagentoError("Required parameter \"email\" is missing", MagentoError.Input);
        if (!EmailAddress.IsWellFormed(email))
            throw new MagentoError("Invalid email format", MagentoError.Input);
        order.SetCustomerEmail(email);
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    public async Task<Order> SetShippingAddressAsync(string? cartId, MagentoAddress? address, CancellationToken cancellationToken)
    {
        var order = await LoadCartAsync(cartId, active: true, cancellationToken);
        if (!order.RequiresShipping && order.LineItems.Count > 0)
            throw new MagentoError("The shipping address cannot be set: the cart has no items that ship.", MagentoError.Input);
        order.SetShippingAddress(NewAddress(address, "shipping_addresses"));
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    public async Task<Order> SetBillingAddressAsync(string? cartId, MagentoAddress? address, bool sameAsShipping, bool useForShipping, CancellationToken cancellationToken)
    {
        var order = await LoadCartAsync(cartId, active: true, cancellationToken);
        if (sameAsShipping)
        {
            if (order.ShippingAddress is null)
                throw new MagentoError("Could not use the \"same_as_shipping\" option, because the shipping address has not been set.", MagentoError.Input);
            if (address is not null)
                throw new MagentoError("The billing address must contain either \"customer_address_id\", \"address\", or \"same_as_shipping\".", MagentoError.Input);
            order.BillingAddressSameAsShipping();
        }
        else
        {
            order.SetBillingAddress(NewAddress(address, "billing_address"));
            if (useForShipping)
                order.ShippingAddressSameAsBilling();
        }
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    private Address NewAddress(MagentoAddress? input, string what)
    {
        if (input is null)
            throw new MagentoError($"The {what} must contain either \"customer_address_id\" or \"address\".", MagentoError.Input);
        var address = Domain(() => new Address(input.ToDetails()));
        var problems = address.Validate();
        if (problems.Count > 0)
            throw new MagentoError(string.Join(" ", problems.Select(p => $"Field \"{MagentoAddress.MagentoName(p.Member)}\" {p.Detail}.")), MagentoError.Input);
        db.Addresses.Add(address);
        return address;
    }

    /// <summary><c>setShippingMethodsOnCart</c>: one method, named by its id as both carrier and method code.</summary>
    public async Task<Order> SetShippingMethodAsync(string? cartId, IReadOnlyList<(string Carrier, string Method)> methods, CancellationToken cancellationToken)
    {
        var order = await LoadCartAsync(cartId, active: true, cancellationToken);
        if (methods.Count != 1)
            throw new MagentoError("You cannot specify multiple shipping methods.", MagentoError.Input);
        var (carrier, method) = methods[0];
        if (order.ShippingAddress is null)
            throw new MagentoError("The shipping address is missing. Set the address and try again.", MagentoError.Input);
        var available = await AvailableMethods.ShippingMethodsAsync(db, order, cancellationToken);
        var chosen = available.FirstOrDefault(m => m.Id == carrier && m.Id == method)
            ?? throw new MagentoError($"Carrier with such method not found: {carrier}, {method}", MagentoError.Input);
        order.SetShippingMethod(await db.ShippingMethods.FirstAsync(m => m.Id == chosen.Id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    /// <summary>
    /// <c>setPaymentMethodOnCart</c>: the method by its id; its payment source is made here (a wire transfer needs nothing; an
    /// external payment needs <c>payment_source_token</c>, our addition to Magento's input).
    /// </summary>
    public async Task<Order> SetPaymentMethodAsync(string? cartId, string? code, string? paymentSourceToken, CancellationToken cancellationToken)
    {
        var order = await LoadCartAsync(cartId, active: true, cancellationToken);
        if (string.IsNullOrEmpty(code))
            throw new MagentoError("Required parameter \"code\" for \"payment_method\" is missing.", MagentoError.Input);
        var methods = await AvailableMethods.PaymentMethodsAsync(db, order, cancellationToken);
        if (methods.All(m => m.Id != code))
            throw new MagentoError("The requested Payment Method is not available.", MagentoError.Input);
        var method = await db.PaymentMethods.FirstAsync(m => m.Id == code, cancellationToken);
        PaymentSource source = method.PaymentSourceType switch
        {
            PaymentSourceTypes.WireTransfers => new WireTransfer(),
            PaymentSourceTypes.ExternalPayments when string.IsNullOrEmpty(paymentSourceToken) =>
                throw new MagentoError($"The payment method \"{code}\" needs a payment token: send payment_method.payment_source_token.", MagentoError.Input),
            PaymentSourceTypes.ExternalPayments => Domain(() => new ExternalPayment(paymentSourceToken!)),
            _ => throw new MagentoError("The requested Payment Method is not available.", MagentoError.Input),
        };
        order.SetPaymentMethod(method);
        db.PaymentSources.Add(source);
        order.SetPaymentSource(source);
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    // ---- placing -------------------------------------------------------------------------------

    /// <summary>
    /// <c>placeOrder</c>: the cart checks (<see cref="LoadCartAsync"/>), then <see cref="PlacementService.PlaceAsync"/>. Its
    /// failures become the first failing precondition in Magento's order, worded as Magento words it.
    /// </summary>
    public async Task<PlaceOrderResult> PlaceAsync(string? cartId, CancellationToken cancellationToken)
    {
        Order order;
        try
        {
            order = await LoadCartAsync(cartId, active: true, cancellationToken);
        }
        catch (MagentoError error)
        {
            return new(null, [error]);
        }
        try
        {
            await metrics.MeasurePlacementAsync(() => placement.PlaceAsync(order, db.LoadedVersion(order), cancellationToken));
            return new(order, []);
        }
        catch (PlacementFailedException failed)
        {
            return new(null, [PlacementError(order, failed.Failures)]);
        }
        catch (PlacementConflictException)
        {
            return new(null, [MagentoError.UnableToPlace("The cart is being placed by another request, or was changed by one. Reload it and try again.")]);
        }
        catch (PaymentDeclinedException declined)
        {
            return new(null, [MagentoError.UnableToPlace($"The payment was declined: {declined.Reason}.")]);
        }
        catch (PaymentGatewayException gateway)
        {
            return new(null, [MagentoError.UnableToPlace(gateway.Released
                ? "The payment gateway failed; no money is held. Please try to place your order again."
                : "The payment gateway failed; an authorization may be held until the service settles it with the gateway. Reload the cart later.")]);
        }
        catch (PaymentInProgressException)
        {
            return new(null, [MagentoError.UnableToPlace("A payment of this cart is still pending. Reload it and try again.")]);
        }
    }

    /// <summary>Magento's order of checks, first failing one wins.</summary>
    private static readonly (Func<DomainFailure, bool> Matches, Func<Order, MagentoError> Error)[] PlacementChecks =
    [
        (f => f.Member == "status", _ => MagentoError.CartNotActiveError()),
        (f => f.Member == "customer_email", o => o.Guest
            ? new MagentoError("Guest email for cart is missing.", MagentoError.Input, MagentoError.GuestEmailMissing)
            : MagentoError.UnableToPlace("The customer's email is not valid.")),
        (f => f.Member == "line_items" && f.Code != FailureCodes.OutOfStock, _ => MagentoError.UnableToPlace("A server error stopped your order from being placed. Please try to place your order again")),
        (f => f.Member == "shipping_address", _ => MagentoError.UnableToPlace("Some addresses can't be used due to the configurations for specific countries")),
        (f => f.Member == "shipping_method", _ => MagentoError.UnableToPlace("The shipping method is missing. Select the shipping method and try again")),
        (f => f.Member == "billing_address", _ => MagentoError.UnableToPlace("Please check the billing address information")),
        (f => f.Member is "payment_method" or "payment_source", _ => MagentoError.UnableToPlace("Enter a valid payment method and try again")),
        (f => f.Code == FailureCodes.OutOfStock, _ => MagentoError.UnableToPlace("Some of the products are out of stock")),
    ];

    private static MagentoError PlacementError(Order order, IReadOnlyList<DomainFailure> failures)
    {
        foreach (var (matches, error) in PlacementChecks)
        {
            if (failures.Any(matches))
                return error(order);
        }
        return MagentoError.UnableToPlace(failures[0].Detail);
    }

    // ---- customers -----------------------------------------------------------------------------

    /// <summary>
    /// <c>generateCustomerToken</c>: the password grant's check (<see cref="CustomerPasswords"/>), limited per client address as
    /// token requests are, and a token for the public sales channel's customer (<see cref="CustomerAccessTokens"/>).
    /// </summary>
    public async Task<string> GenerateCustomerTokenAsync(string? email, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(email))
            throw new MagentoError("Specify the \"email\" value.", MagentoError.Input);
        if (string.IsNullOrEmpty(password))
            throw new MagentoError("Specify the \"password\" value.", MagentoError.Input);
        if (!signInLimiter.TryAcquire(http.HttpContext))
            throw new MagentoError("The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.", MagentoError.Authentication);
        var channel = caller.ApplicationId is { } applicationId
            ? await db.ApplicationClients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == applicationId, cancellationToken)
            : null;
        if (channel is null || channel.Kind != ApplicationKinds.SalesChannel)
            throw new MagentoError("Customers sign in through a sales channel: send the request without a token, or with a sales channel's.", MagentoError.Authorization);
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Email == email, cancellationToken);
        if (!passwords.Verify(customer, password))
            throw new MagentoError("The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.", MagentoError.Authentication);
        return tokens.Issue(channel, customer!.Id);
    }

    public async Task<Customer> CurrentCustomerAsync(CancellationToken cancellationToken)
    {
        if (!caller.IsCustomer)
            throw new MagentoError("The current customer isn't authorized.", MagentoError.Authorization);
        return await db.Customers.AsNoTracking().FirstAsync(c => c.Id == caller.CustomerId, cancellationToken);
    }

    /// <summary>A domain rule broken by the input: its detail, as an input error.</summary>
    private static T Domain<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (DomainException domain)
        {
            throw new MagentoError(string.Join(" ", domain.Failures.Select(f => f.Detail)), MagentoError.Input);
        }
    }

    private static void Domain(Action action) => Domain(() => { action(); return 0; });
}

/// <summary>Sign-in attempts through <c>generateCustomerToken</c>, per client address: the budget of <c>POST /oauth/token</c> (Limits:TokenRequestsPerIpPerMinute).</summary>
internal sealed class SignInLimiter(int perMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(ip =>
        RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryAcquire(HttpContext? context)
    {
        using var lease = _limiter.AttemptAcquire(context?.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
