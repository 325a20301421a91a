using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.GraphQL;

/// <summary>
/// Magento's <c>applyCouponToCart</c> / <c>removeCouponFromCart</c> over the order's <c>coupon_code</c>, with Magento's documented
/// request shape and error messages; the discount reaches the placed order. On SQLite and PostgreSQL.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSql")]
public sealed class Magento_coupons(string provider) : ProviderFixture(provider)
{
    // As Magento's documentation writes it (its itemsV2 paging is not built: items).
    private const string ApplyCouponToCart = """
        mutation {
          applyCouponToCart(
            input: {
              cart_id: "IeTUiU0oCXjm0uRqGCOuhQ2AuQatogjG",
              coupon_code: "H20"
            }
          ) {
            cart {
              items {
                product {
                  name
                }
                quantity
              }
              applied_coupons {
                code
              }
              prices {
                grand_total{
                  value
                  currency
                }
                discounts {
                  amount { value currency }
                  label
                }
              }
            }
          }
        }
        """;

    private const string RemoveCouponFromCart = """
        mutation {
          removeCouponFromCart(
            input:
              { cart_id: "IeTUiU0oCXjm0uRqGCOuhQ2AuQatogjG" }
            ) {
            cart {
              items {
                product {
                  name
                }
                quantity
              }
              applied_coupons {
                code
              }
              prices {
                grand_total{
                  value
                  currency
                }
              }
            }
          }
        }
        """;

    private MagentoTutorial Guest() => new(Factory.CreateGraphQLClient());

    private Task<GraphQLResponse> ApplyAsync(MagentoTutorial client, string cart, string code) =>
        client.RunAsync(ApplyCouponToCart.Replace("\"H20\"", $"\"{code}\"", StringComparison.Ordinal), cart);

    [Test]
    public async Task A_guest_applies_a_coupon_sees_the_discount_and_places_the_order_with_it()
    {
        var guest = Guest();
        var cart = await guest.PrepareAsync();
        var code = await CouponAsync(percentage: 10);

        var applied = (await ApplyAsync(guest, cart, code.ToLowerInvariant())).Ok().Data!["applyCouponToCart"]!["cart"]!;
        var placed = (await guest.RunAsync(MagentoTutorial.PlaceOrder, cart)).Ok();
        var order = await Api.GetAsync($"orders/{cart}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(applied["applied_coupons"]!.AsArray().Select(c => c!["code"]!.GetValue<string>()), Is.EqualTo(new[] { code }));
            Assert.That(applied["items"]!.AsArray(), Has.Count.EqualTo(1), "the discount is not an item");
            var discount = applied["prices"]!["discounts"]!.AsArray().Single()!;
            Assert.That(discount["amount"]!["value"]!.GetValue<double>(), Is.GreaterThan(0), "Magento shows a discount as a positive amount");
            Assert.That(discount["label"]!.GetValue<string>(), Is.EqualTo("Magento sale"));
            Assert.That(placed.Data!["placeOrder"]!["order"]!["order_number"], Is.Not.Null);
            Assert.That(order.Attributes["coupon_code"]!.GetValue<string>(), Is.EqualTo(code));
            Assert.That(order.Attributes["discount_amount_cents"]!.GetValue<long>(), Is.Negative);
            Assert.That(order.Attributes["total_amount_with_taxes_cents"]!.GetValue<long>() / 100.0,
                Is.EqualTo(applied["prices"]!["grand_total"]!["value"]!.GetValue<double>()).Within(0.001));
        }
    }

    [Test]
    public async Task RemoveCouponFromCart_takes_the_discount_away()
    {
        var guest = Guest();
        var cart = await guest.PrepareAsync();
        var code = await CouponAsync(percentage: 10);
        var applied = (await ApplyAsync(guest, cart, code)).Ok().Data!["applyCouponToCart"]!["cart"]!;

        var removed = (await guest.RunAsync(RemoveCouponFromCart, cart)).Ok().Data!["removeCouponFromCart"]!["cart"]!;

        Assert.That(removed["applied_coupons"], Is.Null, "Magento answers null without a coupon");
        Assert.That(removed["prices"]!["grand_total"]!["value"]!.GetValue<double>(),
            Is.GreaterThan(applied["prices"]!["grand_total"]!["value"]!.GetValue<double>()));
        Assert.That((await Api.GetAsync($"orders/{cart}")).Attributes["coupon_code"], Is.Null);
    }

    [Test]
    public async Task ApplyCouponToCart_answers_Magentos_errors_in_Magentos_order()
    {
        var guest = Guest();
        var code = await CouponAsync(percentage: 10);
        var empty = await guest.CreateCartAsync();
        var cart = await guest.PrepareAsync();
        await ApplyAsync(guest, cart, code);

        MagentoTutorial.AssertError(await ApplyAsync(guest, "", code), "Required parameter \"cart_id\" is missing", "graphql-input");
        MagentoTutorial.AssertError(await ApplyAsync(guest, cart, ""), "Required parameter \"coupon_code\" is missing", "graphql-input");
        MagentoTutorial.AssertError(await ApplyAsync(guest, "nosuchcart00", code), "Could not find a cart with ID \"nosuchcart00\"", "graphql-no-such-entity");
        MagentoTutorial.AssertError(await ApplyAsync(guest, cart, code), "A coupon is already applied to the cart. Please remove it to apply another", "graphql-input");
        MagentoTutorial.AssertError(await ApplyAsync(guest, empty, code), "Cart does not contain products.", "graphql-no-such-entity");
        MagentoTutorial.AssertError(await guest.RunAsync(RemoveCouponFromCart, empty), "Cart does not contain products.", "graphql-no-such-entity");
        var other = await guest.PrepareAsync();
        MagentoTutorial.AssertError(await ApplyAsync(guest, other, "NO-SUCH-COUPON"), "The coupon code isn't valid. Verify the code and try again.", "graphql-no-such-entity");
        Assert.That((await Api.GetAsync($"orders/{other}")).Attributes["coupon_code"], Is.Null, "a refused code changes nothing");
    }

    private async Task<string> CouponAsync(int percentage)
    {
        var now = DateTimeOffset.UtcNow;
        var promotion = await Api.PostAsync("percentage_discount_promotions", Document("percentage_discount_promotions", new
        {
            name = "Magento sale", currency_code = "USD", percentage, starts_at = now.AddDays(-1), expires_at = now.AddDays(30),
        }));
        Assert.That(promotion.Status, Is.EqualTo(HttpStatusCode.Created), promotion.ToString());
        var rule = await Api.PostAsync("coupon_codes_promotion_rules", Document("coupon_codes_promotion_rules", null,
            new { promotion = ToOne("percentage_discount_promotions", promotion.Id) }));
        var code = Unique("H2O");
        var coupon = await Api.PostAsync("coupons", Document("coupons", new { code }, new { promotion_rule = ToOne("coupon_codes_promotion_rules", rule.Id) }));
        Assert.That(coupon.Status, Is.EqualTo(HttpStatusCode.Created), coupon.ToString());
        return code;
    }
}
