using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.GraphQL;

/// <summary>
/// Magento's GraphQL checkout at /graphql (seed 001 and Magento's tutorial), over the same orders and the same placement as
/// JSON:API's <c>_place</c>: a guest without a token, a customer with generateCustomerToken's token, every placeOrder error.
/// </summary>
public sealed class Magento_checkout : ApiFixture
{
    private MagentoTutorial Guest() => new(Factory.CreateGraphQLClient());

    [Test]
    public async Task A_guest_checks_out_with_the_tutorials_requests_and_the_seeds_placeOrder()
    {
        var guest = Guest();
        var cart = await guest.CreateCartAsync();

        var added = (await guest.RunAsync(MagentoTutorial.AddSimpleProductsToCart, cart)).Ok().Data!["addSimpleProductsToCart"]!["cart"]!["items"]![0]!;
        Assert.That(added["product"]!["sku"]!.GetValue<string>(), Is.EqualTo(DemoSkus.Tshirt));
        Assert.That(added["product"]!["stock_status"]!.GetValue<string>(), Is.EqualTo("IN_STOCK"));
        Assert.That(added["quantity"]!.GetValue<double>(), Is.EqualTo(1));

        var address = (await guest.RunAsync(MagentoTutorial.SetShippingAddressesOnCart, cart)).Ok();
        var shipping = address.Data!["setShippingAddressesOnCart"]!["cart"]!["shipping_addresses"]![0]!;
        Assert.That(shipping["street"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EqualTo(new[] { "3320 N Crescent Dr", "Beverly Hills" }));
        Assert.That(shipping["region"]!["code"]!.GetValue<string>(), Is.EqualTo("CA"));
        Assert.That(shipping["country"]!["code"]!.GetValue<string>(), Is.EqualTo("US"));
        Assert.That(shipping["available_shipping_methods"]!.AsArray(), Is.Not.Empty, "the demo data ships to Los Angeles");
        var shippingMethod = MagentoTutorial.FirstShippingMethod(address);

        var billing = (await guest.RunAsync(MagentoTutorial.SetBillingAddressOnCart, cart)).Ok().Data!["setBillingAddressOnCart"]!["cart"]!["billing_address"]!;
        Assert.That(billing["street"]![0]!.GetValue<string>(), Is.EqualTo("64 Strawberry Dr"));
        Assert.That(billing["postcode"]!.GetValue<string>(), Is.EqualTo("90210"));

        var selected = (await guest.RunAsync(MagentoTutorial.SetShippingMethodsOnCart, cart, shippingMethod: shippingMethod)).Ok()
            .Data!["setShippingMethodsOnCart"]!["cart"]!["shipping_addresses"]![0]!["selected_shipping_method"]!;
        Assert.That(selected["method_code"]!.GetValue<string>(), Is.EqualTo(shippingMethod));

        var payment = await guest.WireTransferCodeAsync(cart);
        var chosen = (await guest.RunAsync(MagentoTutorial.SetPaymentMethodOnCart, cart, paymentMethod: payment)).Ok();
        Assert.That(chosen.Data!["setPaymentMethodOnCart"]!["cart"]!["selected_payment_method"]!["code"]!.GetValue<string>(), Is.EqualTo(payment));

        var email = (await guest.RunAsync(MagentoTutorial.SetGuestEmailOnCart, cart)).Ok();
        Assert.That(email.Data!["setGuestEmailOnCart"]!["cart"]!["email"]!.GetValue<string>(), Is.EqualTo("guest@example.com"));

        var placed = (await guest.RunAsync(MagentoTutorial.PlaceOrder, cart)).Ok();
        var number = placed.Data!["placeOrder"]!["order"]!["order_number"]!.GetValue<string>();

        // The same order over JSON:API: placed, numbered, shipped to Los Angeles, paid by wire transfer.
        var order = await Api.GetAsync($"orders/{cart}?include=shipping_address,authorizations");
        Assert.That(order.Attributes["status"]!.GetValue<string>(), Is.EqualTo("placed"));
        Assert.That(order.Attributes["number"]!.ToString(), Is.EqualTo(number));
        Assert.That(order.Attributes["customer_email"]!.GetValue<string>(), Is.EqualTo("guest@example.com"));
        Assert.That(order.Attributes["currency_code"]!.GetValue<string>(), Is.EqualTo("USD"));
        Assert.That(order.Body!["included"]!.AsArray().Single(i => i!["type"]!.GetValue<string>() == "addresses")!["attributes"]!["city"]!.GetValue<string>(), Is.EqualTo("Los Angeles"));
        Assert.That(order.Body!["included"]!.AsArray().Count(i => i!["type"]!.GetValue<string>() == "authorizations"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_customer_signs_in_with_generateCustomerToken_and_checks_out_its_own_cart()
    {
        var (email, password) = await NewCustomerAsync();
        var anonymous = Factory.CreateGraphQLClient();
        var token = (await anonymous.SendAsync($$"""mutation { generateCustomerToken(email: "{{email}}", password: "{{password}}") { token } }""")).Ok()
            .Data!["generateCustomerToken"]!["token"]!.GetValue<string>();

        var customer = new MagentoTutorial(Factory.CreateGraphQLClient(accessToken: token));
        var cart = (await customer.Client.SendAsync("{ customerCart { id } }")).Ok().Data!["customerCart"]!["id"]!.GetValue<string>();
        Assert.That(await customer.CreateCartAsync(), Is.EqualTo(cart), "createEmptyCart with a customer token answers its active cart");
        await customer.PrepareAsync(cart, guestEmail: false);
        var placed = MagentoTutorial.PlaceOrderOf((await customer.RunAsync(MagentoTutorial.PlaceOrderWithErrors, cart)).Ok());
        Assert.That(placed["errors"]!.AsArray(), Is.Empty);
        Assert.That(placed["orderV2"]!["number"]!.GetValue<string>(), Is.EqualTo(placed["order"]!["order_number"]!.GetValue<string>()));

        var order = await Api.GetAsync($"orders/{cart}?include=customer");
        Assert.That(order.Attributes["status"]!.GetValue<string>(), Is.EqualTo("placed"));
        Assert.That(order.Attributes["customer_email"]!.GetValue<string>(), Is.EqualTo(email));
        Assert.That(order.Body!["included"]![0]!["attributes"]!["email"]!.GetValue<string>(), Is.EqualTo(email));

        // The token is an ordinary customer token: /api takes it and shows the customer its order.
        var own = await Factory.CreateApiClient(token).GetAsync("orders");
        Assert.That(own.Data.AsArray().Select(o => o!["id"]!.GetValue<string>()), Does.Contain(cart));

        var next = (await customer.Client.SendAsync("{ customerCart { id } }")).Ok().Data!["customerCart"]!["id"]!.GetValue<string>();
        Assert.That(next, Is.Not.EqualTo(cart), "a placed order is no longer the customer's cart");
    }

    [Test]
    public async Task A_wrong_password_gets_Magentos_sign_in_error_and_no_token()
    {
        var (email, _) = await NewCustomerAsync();
        var response = await Factory.CreateGraphQLClient().SendAsync($$"""mutation { generateCustomerToken(email: "{{email}}", password: "wrong password") { token } }""");
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Data!["generateCustomerToken"], Is.Null);
        Assert.That(response.ErrorMessages.Single(), Does.StartWith("The account sign-in was incorrect"));
        Assert.That(response.Errors![0]!["extensions"]!["category"]!.GetValue<string>(), Is.EqualTo("graphql-authentication"));
    }

    [Test]
    public async Task A_guest_or_another_customer_cannot_operate_on_a_customers_cart()
    {
        var (email, password) = await NewCustomerAsync();
        var owner = Factory.CreateGraphQLClient(accessToken: await Factory.GetCustomerTokenAsync(email, password));
        var cart = (await owner.SendAsync("{ customerCart { id } }")).Ok().Data!["customerCart"]!["id"]!.GetValue<string>();
        var (otherEmail, otherPassword) = await NewCustomerAsync();
        var other = Factory.CreateGraphQLClient(accessToken: await Factory.GetCustomerTokenAsync(otherEmail, otherPassword));

        foreach (var intruder in new[] { Factory.CreateGraphQLClient(), other })
        {
            var tutorial = new MagentoTutorial(intruder);
            var added = await tutorial.RunAsync(MagentoTutorial.AddSimpleProductsToCart, cart);
            Assert.That(added.ErrorMessages.Single(), Is.EqualTo($"The current user cannot perform operations on cart \"{cart}\""));
            Assert.That(added.Errors![0]!["extensions"]!["category"]!.GetValue<string>(), Is.EqualTo("graphql-authorization"));
            var place = await tutorial.RunAsync(MagentoTutorial.PlaceOrderWithErrors, cart);
            Assert.That(place.ErrorMessages.Single(), Is.EqualTo($"The current user cannot perform operations on cart \"{cart}\""));
            Assert.That(MagentoTutorial.PlaceOrderOf(place)["errors"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("UNDEFINED"));
        }
        var order = await Api.GetAsync($"orders/{cart}");
        Assert.That(order.Attributes["skus_count"]!.GetValue<int>(), Is.Zero, "nothing was added");
        Assert.That(order.Attributes["status"]!.GetValue<string>(), Is.EqualTo("draft"));
    }

    [Test]
    public async Task A_customer_cannot_use_a_guest_cart()
    {
        var guestCart = await Guest().CreateCartAsync();
        var (email, password) = await NewCustomerAsync();
        var customer = new MagentoTutorial(Factory.CreateGraphQLClient(accessToken: await Factory.GetCustomerTokenAsync(email, password)));
        var response = await customer.RunAsync(MagentoTutorial.AddSimpleProductsToCart, guestCart);
        Assert.That(response.ErrorMessages.Single(), Is.EqualTo($"The current user cannot perform operations on cart \"{guestCart}\""));
    }

    private static readonly string[] PlaceOrderSteps = ["email", "items", "shipping address", "shipping method", "billing address", "payment method"];

    /// <summary>Each precondition missing in turn, the earlier ones met: the first failing one in Magento's order, with its words.</summary>
    [TestCase("email", "Guest email for cart is missing.", "GUEST_EMAIL_MISSING")]
    [TestCase("items", "Unable to place order: A server error stopped your order from being placed. Please try to place your order again", "UNABLE_TO_PLACE_ORDER")]
    [TestCase("shipping address", "Unable to place order: Some addresses can't be used due to the configurations for specific countries", "UNABLE_TO_PLACE_ORDER")]
    [TestCase("shipping method", "Unable to place order: The shipping method is missing. Select the shipping method and try again", "UNABLE_TO_PLACE_ORDER")]
    [TestCase("billing address", "Unable to place order: Please check the billing address information", "UNABLE_TO_PLACE_ORDER")]
    [TestCase("payment method", "Unable to place order: Enter a valid payment method and try again", "UNABLE_TO_PLACE_ORDER")]
    public async Task PlaceOrder_names_the_first_missing_step_as_Magento_does(string missing, string message, string code)
    {
        var guest = Guest();
        var cart = await guest.CreateCartAsync();
        var met = PlaceOrderSteps.TakeWhile(s => s != missing).ToHashSet();
        if (met.Contains("email") || missing != "email")
            (await guest.RunAsync(MagentoTutorial.SetGuestEmailOnCart, cart)).Ok();
        if (missing != "items")
            (await guest.RunAsync(MagentoTutorial.AddSimpleProductsToCart, cart)).Ok();
        if (met.Contains("shipping address"))
        {
            var address = (await guest.RunAsync(MagentoTutorial.SetShippingAddressesOnCart, cart)).Ok();
            if (met.Contains("shipping method"))
                (await guest.RunAsync(MagentoTutorial.SetShippingMethodsOnCart, cart, shippingMethod: MagentoTutorial.FirstShippingMethod(address))).Ok();
        }
        if (met.Contains("billing address"))
            (await guest.RunAsync(MagentoTutorial.SetBillingAddressOnCart, cart)).Ok();
        if (missing == "email")
        {
            // Everything but the email: the email is what Magento checks first.
            var address = (await guest.RunAsync(MagentoTutorial.SetShippingAddressesOnCart, cart)).Ok();
            (await guest.RunAsync(MagentoTutorial.SetShippingMethodsOnCart, cart, shippingMethod: MagentoTutorial.FirstShippingMethod(address))).Ok();
            (await guest.RunAsync(MagentoTutorial.SetBillingAddressOnCart, cart)).Ok();
        }

        await AssertPlaceOrderFailsAsync(guest, cart, message, code, "graphql-input");
        Assert.That((await Api.GetAsync($"orders/{cart}")).Attributes["status"]!.GetValue<string>(), Is.AnyOf("draft", "pending"), "nothing was placed");
    }

    [Test]
    public async Task PlaceOrder_with_an_item_out_of_stock_says_so()
    {
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["USD"] = 1500 }, stock: 1);
        var first = new MagentoTutorial(Factory.CreateGraphQLClient()) { Sku = sku.Code };
        var second = new MagentoTutorial(Factory.CreateGraphQLClient()) { Sku = sku.Code };
        var firstCart = await first.PrepareAsync();
        var secondCart = await second.PrepareAsync();
        (await first.RunAsync(MagentoTutorial.PlaceOrder, firstCart)).Ok();

        await AssertPlaceOrderFailsAsync(second, secondCart, "Unable to place order: Some of the products are out of stock", "UNABLE_TO_PLACE_ORDER", "graphql-input");
    }

    [Test]
    public async Task PlaceOrder_with_an_empty_cart_id_or_an_unknown_one_says_so()
    {
        var guest = Guest();
        await AssertPlaceOrderFailsAsync(guest, "", "Required parameter \"cart_id\" is missing", "UNDEFINED", "graphql-input");
        await AssertPlaceOrderFailsAsync(guest, "NoSuchCart12", "Could not find a cart with ID \"NoSuchCart12\"", "CART_NOT_FOUND", "graphql-no-such-entity");
    }

    [Test]
    public async Task A_placed_cart_is_no_longer_active()
    {
        var guest = Guest();
        var cart = await guest.PrepareAsync();
        (await guest.RunAsync(MagentoTutorial.PlaceOrder, cart)).Ok();
        await AssertPlaceOrderFailsAsync(guest, cart, "The cart isn't active.", "CART_NOT_ACTIVE", "graphql-no-such-entity");
        var add = await guest.RunAsync(MagentoTutorial.AddSimpleProductsToCart, cart);
        Assert.That(add.ErrorMessages.Single(), Is.EqualTo("The cart isn't active."));
    }

    [Test]
    public async Task A_declined_card_is_Unable_to_place_order_with_the_reason_and_the_cart_stays_a_cart()
    {
        var guest = Guest();
        var cart = await guest.PrepareAsync();
        var methods = (await guest.RunAsync(MagentoTutorial.AvailablePaymentMethods, cart)).Ok().Data!["cart"]!["available_payment_methods"]!.AsArray();
        var card = methods.Single(m => m!["title"]!.GetValue<string>().StartsWith("Card", StringComparison.Ordinal))!["code"]!.GetValue<string>();
        (await guest.Client.SendAsync($$$"""mutation { setPaymentMethodOnCart(input: {cart_id: "{{{cart}}}", payment_method: {code: "{{{card}}}", payment_source_token: "tok_chargeDeclined"}}) { cart { selected_payment_method { code } } } }""")).Ok();

        await AssertPlaceOrderFailsAsync(guest, cart, "Unable to place order: The payment was declined: card declined.", "UNABLE_TO_PLACE_ORDER", "graphql-input");
        Assert.That((await Api.GetAsync($"orders/{cart}")).Attributes["status"]!.GetValue<string>(), Is.EqualTo("pending"));

        (await guest.Client.SendAsync($$$"""mutation { setPaymentMethodOnCart(input: {cart_id: "{{{cart}}}", payment_method: {code: "{{{card}}}", payment_source_token: "tok_visa"}}) { cart { id } } }""")).Ok();
        (await guest.RunAsync(MagentoTutorial.PlaceOrder, cart)).Ok();
    }

    [Test]
    public async Task Concurrent_placeOrder_on_one_cart_places_one_order_with_one_authorization()
    {
        var guest = Guest();
        var cart = await guest.PrepareAsync();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => new MagentoTutorial(Factory.CreateGraphQLClient()).RunAsync(MagentoTutorial.PlaceOrderWithErrors, cart)));

        var placed = attempts.Where(a => a.Errors is null).ToList();
        Assert.That(placed, Has.Count.EqualTo(1), string.Join("\n", attempts.Select(a => a.ToString())));
        Assert.That(attempts.Except(placed).Select(a => MagentoTutorial.PlaceOrderOf(a)["errors"]![0]!["code"]!.GetValue<string>()),
            Is.All.AnyOf("CART_NOT_ACTIVE", "UNABLE_TO_PLACE_ORDER").And.Not.Empty);
        var authorizations = await Api.GetAsync($"orders/{cart}/authorizations");
        Assert.That(authorizations.Data.AsArray(), Has.Count.EqualTo(1));
        Assert.That((await Api.GetAsync($"orders/{cart}")).Attributes["number"]!.ToString(),
            Is.EqualTo(MagentoTutorial.PlaceOrderOf(placed[0])["orderV2"]!["number"]!.GetValue<string>()));
    }

    [Test]
    public async Task A_guest_cannot_set_an_invalid_email_and_the_cart_keeps_none()
    {
        var guest = Guest();
        var cart = await guest.CreateCartAsync();
        var response = await guest.Client.SendAsync($$"""mutation { setGuestEmailOnCart(input: {cart_id: "{{cart}}", email: "not an email"}) { cart { email } } }""");
        Assert.That(response.ErrorMessages.Single(), Is.EqualTo("Invalid email format"));
        Assert.That((await Api.GetAsync($"orders/{cart}")).Attributes["customer_email"], Is.Null);
    }

    [Test]
    public async Task AddProductsToCart_reports_unknown_products_and_short_stock_as_user_errors_and_adds_the_rest()
    {
        var guest = Guest();
        var cart = await guest.CreateCartAsync();
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["USD"] = 1500 }, stock: 2);
        var response = (await guest.Client.SendAsync("""
            mutation($cart: String!, $items: [CartItemInput!]!) {
              addProductsToCart(cartId: $cart, cartItems: $items) {
                cart { items { quantity product { sku } } total_quantity }
                user_errors { code message }
              }
            }
            """, new { cart, items = new object[] { new { sku = DemoSkus.Mug, quantity = 2 }, new { sku = "NO-SUCH-SKU", quantity = 1 }, new { sku = sku.Code, quantity = 3 } } })).Ok();
        var output = response.Data!["addProductsToCart"]!;
        Assert.That(output["user_errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()), Is.EqualTo(new[] { "PRODUCT_NOT_FOUND", "INSUFFICIENT_STOCK" }));
        Assert.That(output["cart"]!["items"]!.AsArray().Select(i => i!["product"]!["sku"]!.GetValue<string>()), Is.EqualTo(new[] { DemoSkus.Mug }));
        Assert.That(output["cart"]!["total_quantity"]!.GetValue<double>(), Is.EqualTo(2));
    }

    [Test]
    public async Task AddSimpleProductsToCart_with_an_unknown_product_adds_nothing()
    {
        var guest = Guest();
        var cart = await guest.CreateCartAsync();
        var response = await guest.Client.SendAsync($$$"""mutation { addSimpleProductsToCart(input: {cart_id: "{{{cart}}}", cart_items: [{data: {sku: "{{{DemoSkus.Mug}}}", quantity: 1}}, {data: {sku: "NOPE", quantity: 1}}]}) { cart { id } } }""");
        Assert.That(response.ErrorMessages.Single(), Is.EqualTo("Could not find a product with SKU \"NOPE\""));
        Assert.That((await Api.GetAsync($"orders/{cart}")).Attributes["skus_count"]!.GetValue<int>(), Is.Zero);
    }

    [Test]
    public async Task An_unknown_Store_is_refused()
    {
        var client = Factory.CreateGraphQLClient();
        client.Headers["Store"] = "no_such_store";
        var response = await client.SendAsync(MagentoTutorial.CreateEmptyCart);
        Assert.That(response.ErrorMessages.Single(), Is.EqualTo("Requested store is not found"));
    }

    private static async Task AssertPlaceOrderFailsAsync(MagentoTutorial client, string cart, string message, string code, string category)
    {
        var response = await client.RunAsync(MagentoTutorial.PlaceOrderWithErrors, cart);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        var error = response.Errors!.Single()!;
        Assert.That(error["message"]!.GetValue<string>(), Is.EqualTo(message), response.ToString());
        Assert.That(error["extensions"]!["category"]!.GetValue<string>(), Is.EqualTo(category));
        var placeOrder = MagentoTutorial.PlaceOrderOf(response);
        Assert.That(placeOrder["order"], Is.Null);
        Assert.That(placeOrder["errors"]!.AsArray().Select(e => (e!["code"]!.GetValue<string>(), e["message"]!.GetValue<string>())),
            Is.EqualTo(new[] { (code, message) }));
    }

    private async Task<(string Email, string Password)> NewCustomerAsync()
    {
        var email = $"magento-{Guid.NewGuid():N}@example.com";
        const string password = "long enough secret";
        var created = await Api.PostAsync("customers", Document("customers", new { email, password }));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        return (email, password);
    }
}
