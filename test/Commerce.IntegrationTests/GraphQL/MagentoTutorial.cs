using System.Text.Json.Nodes;

namespace Commerce.IntegrationTests.GraphQL;

/// <summary>
/// Magento 2.4's GraphQL checkout tutorial, step by step, as its documentation writes the requests: only the SKU
/// (<c>24-MB04</c>), the shipping method codes (<c>flatrate</c>) and the payment method code (<c>checkmo</c>) are
/// substituted, and the cart id.
/// </summary>
internal sealed class MagentoTutorial(GraphQLClient client)
{
    public GraphQLClient Client => client;

    public const string CreateEmptyCart = """
        mutation {
          createEmptyCart
        }
        """;

    public const string AddSimpleProductsToCart = """
        mutation {
          addSimpleProductsToCart(
            input: {
              cart_id: "{ CART_ID }"
              cart_items: [
                {
                  data: {
                    quantity: 1
                    sku: "24-MB04"
                  }
                }
              ]
            }
          ) {
            cart {
              items {
                id
                product {
                  sku
                  stock_status
                }
                quantity
              }
            }
          }
        }
        """;

    public const string SetShippingAddressesOnCart = """
        mutation {
          setShippingAddressesOnCart(
            input: {
              cart_id: "{ CART_ID }"
              shipping_addresses: [
                {
                  address: {
                    firstname: "John"
                    lastname: "Doe"
                    company: "Company Name"
                    street: ["3320 N Crescent Dr", "Beverly Hills"]
                    city: "Los Angeles"
                    region: "CA"
                    region_id: 12
                    postcode: "90210"
                    country_code: "US"
                    telephone: "123-456-0000"
                    save_in_address_book: false
                  }
                }
              ]
            }
          ) {
            cart {
              shipping_addresses {
                firstname
                lastname
                company
                street
                city
                region {
                  code
                  label
                }
                postcode
                telephone
                country {
                  code
                  label
                }
                available_shipping_methods{
                  carrier_code
                  carrier_title
                  method_code
                  method_title
                }
              }
            }
          }
        }
        """;

    public const string SetBillingAddressOnCart = """
        mutation {
          setBillingAddressOnCart(
            input: {
              cart_id: "{ CART_ID }"
              billing_address: {
                address: {
                  firstname: "John"
                  lastname: "Doe"
                  company: "Company Name"
                  street: ["64 Strawberry Dr", "Beverly Hills"]
                  city: "Los Angeles"
                  region: "CA"
                  region_id: 12
                  postcode: "90210"
                  country_code: "US"
                  telephone: "123-456-0000"
                  save_in_address_book: true
                }
                same_as_shipping: false
              }
            }
          ) {
            cart {
              billing_address {
                firstname
                lastname
                company
                street
                city
                region{
                  code
                  label
                }
                postcode
                telephone
                country {
                  code
                  label
                }
              }
            }
          }
        }
        """;

    public const string SetShippingMethodsOnCart = """
        mutation {
          setShippingMethodsOnCart(input: {
            cart_id: "{ CART_ID }"
            shipping_methods: [
              {
                carrier_code: "flatrate"
                method_code: "flatrate"
              }
            ]
          }) {
            cart {
              shipping_addresses {
                selected_shipping_method {
                  carrier_code
                  method_code
                  carrier_title
                  method_title
                }
              }
            }
          }
        }
        """;

    public const string AvailablePaymentMethods = """
        query {
          cart(cart_id: "{ CART_ID }") {
            available_payment_methods {
              code
              title
            }
          }
        }
        """;

    public const string SetPaymentMethodOnCart = """
        mutation {
          setPaymentMethodOnCart(input: {
              cart_id: "{ CART_ID }"
              payment_method: {
                  code: "checkmo"
              }
          }) {
            cart {
              selected_payment_method {
                code
              }
            }
          }
        }
        """;

    public const string SetGuestEmailOnCart = """
        mutation {
          setGuestEmailOnCart(input: {
            cart_id: "{ CART_ID }"
            email: "guest@example.com"
          }) {
            cart {
              email
            }
          }
        }
        """;

    /// <summary>The seed's own example (001): <c>placeOrder(input: {cart_id}) { order { order_number } }</c>.</summary>
    public const string PlaceOrder = """
        mutation {
          placeOrder(
            input: {
              cart_id: "IeTUiU0oCXjm0uRqGCOuhQ2AuQatogjG"
            }
          ) {
            order {
              order_number
            }
          }
        }
        """;

    /// <summary>placeOrder with everything it answers (2.4.7): order, orderV2 and errors.</summary>
    public const string PlaceOrderWithErrors = """
        mutation {
          placeOrder(input: {cart_id: "{ CART_ID }"}) {
            order { order_number }
            orderV2 { number token }
            errors { code message }
          }
        }
        """;

    public string Sku { get; init; } = DemoSkus.Tshirt;

    public async Task<string> CreateCartAsync() => (await client.SendAsync(CreateEmptyCart)).Ok().Data!["createEmptyCart"]!.GetValue<string>();

    public Task<GraphQLResponse> RunAsync(string step, string cartId, string? shippingMethod = null, string? paymentMethod = null) =>
        client.SendAsync(step
            .Replace("IeTUiU0oCXjm0uRqGCOuhQ2AuQatogjG", cartId, StringComparison.Ordinal)
            .Replace("{ CART_ID }", cartId, StringComparison.Ordinal)
            .Replace("24-MB04", Sku, StringComparison.Ordinal)
            .Replace("\"flatrate\"", $"\"{shippingMethod}\"", StringComparison.Ordinal)
            .Replace("\"checkmo\"", $"\"{paymentMethod}\"", StringComparison.Ordinal));

    /// <summary>The first available shipping method's code (after the shipping address), as the tutorial reads it.</summary>
    public static string FirstShippingMethod(GraphQLResponse afterAddress) =>
        afterAddress.Data!["setShippingAddressesOnCart"]!["cart"]!["shipping_addresses"]![0]!["available_shipping_methods"]![0]!["carrier_code"]!.GetValue<string>();

    public async Task<string> WireTransferCodeAsync(string cartId)
    {
        var methods = (await RunAsync(AvailablePaymentMethods, cartId)).Ok().Data!["cart"]!["available_payment_methods"]!.AsArray();
        return methods.Single(m => m!["title"]!.GetValue<string>() == "Wire transfer")!["code"]!.GetValue<string>();
    }

    /// <summary>Every step up to (not including) placeOrder; the guest email only when asked.</summary>
    public async Task<string> PrepareAsync(string? cartId = null, bool guestEmail = true)
    {
        cartId ??= await CreateCartAsync();
        (await RunAsync(AddSimpleProductsToCart, cartId)).Ok();
        var address = (await RunAsync(SetShippingAddressesOnCart, cartId)).Ok();
        (await RunAsync(SetBillingAddressOnCart, cartId)).Ok();
        (await RunAsync(SetShippingMethodsOnCart, cartId, shippingMethod: FirstShippingMethod(address))).Ok();
        (await RunAsync(SetPaymentMethodOnCart, cartId, paymentMethod: await WireTransferCodeAsync(cartId))).Ok();
        if (guestEmail)
            (await RunAsync(SetGuestEmailOnCart, cartId)).Ok();
        return cartId;
    }

    public static JsonNode PlaceOrderOf(GraphQLResponse response) => response.Data!["placeOrder"]!;

    /// <summary>One error, as Magento answers a refused mutation: HTTP 200, its message and <c>extensions.category</c>.</summary>
    public static void AssertError(GraphQLResponse response, string message, string category)
    {
        Assert.That(response.Status, Is.EqualTo(System.Net.HttpStatusCode.OK), response.ToString());
        var error = response.Errors!.Single()!;
        Assert.That(error["message"]!.GetValue<string>(), Is.EqualTo(message), response.ToString());
        Assert.That(error["extensions"]!["category"]!.GetValue<string>(), Is.EqualTo(category), response.ToString());
    }
}
