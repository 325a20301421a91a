using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.GraphQL;

/// <summary>
/// Adobe Commerce's <c>applyGiftCardToCart</c> / <c>removeGiftCardFromCart</c> over the order's <c>gift_card_code</c>, with the
/// documented request shapes and error messages; the card pays part of the placed order and its balance is taken once. On
/// SQLite and PostgreSQL.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSql")]
public sealed class Magento_gift_cards(string provider) : ProviderFixture(provider)
{
    // As Adobe's documentation writes it (cart id and code substituted).
    private const string ApplyGiftCardToCart = """
        mutation {
          applyGiftCardToCart(
            input: {
              cart_id: "lY8PnKhlHBGc4WS5v0Y3dWjxiA5PvvgY"
              gift_card_code: "0330CEIVTLB4"
            }
          ) {
            cart {
              applied_gift_cards {
                applied_balance {
                  value
                  currency
                }
                code
                current_balance {
                  value
                  currency
                }
                expiration_date
              }
              prices { grand_total { value currency } }
            }
          }
        }
        """;

    private const string RemoveGiftCardFromCart = """
        mutation {removeGiftCardFromCart(input: {cart_id: "lOeLKsVkZ1PEvA8A7EaCvmEAk4JRBR7A"gift_card_code: "049XDMZ6L81X"}) {cart {applied_gift_cards {code} prices { grand_total { value } }}}}
        """;

    private MagentoTutorial Guest() => new(Factory.CreateGraphQLClient());

    private static Task<GraphQLResponse> ApplyAsync(MagentoTutorial client, string cart, string code) =>
        client.RunAsync(ApplyGiftCardToCart.Replace("lY8PnKhlHBGc4WS5v0Y3dWjxiA5PvvgY", cart, StringComparison.Ordinal)
            .Replace("0330CEIVTLB4", code, StringComparison.Ordinal), cart);

    private static Task<GraphQLResponse> RemoveAsync(MagentoTutorial client, string cart, string code) =>
        client.RunAsync(RemoveGiftCardFromCart.Replace("lOeLKsVkZ1PEvA8A7EaCvmEAk4JRBR7A", cart, StringComparison.Ordinal)
            .Replace("049XDMZ6L81X", code, StringComparison.Ordinal), cart);

    [Test]
    public async Task A_guest_pays_part_of_the_cart_with_a_gift_card_and_places_the_order_with_it()
    {
        var guest = Guest();
        var cart = await guest.PrepareAsync();
        var before = (await Api.GetAsync($"orders/{cart}")).Attributes["total_amount_with_taxes_cents"]!.GetValue<long>();
        var (cardId, code) = await GiftCardAsync(balanceCents: 2000);

        var applied = (await ApplyAsync(guest, cart, code)).Ok().Data!["applyGiftCardToCart"]!["cart"]!;
        var placed = (await guest.RunAsync(MagentoTutorial.PlaceOrder, cart)).Ok();
        var order = (await Api.GetAsync($"orders/{cart}")).Attributes;
        var card = (await Api.GetAsync($"gift_cards/{cardId}")).Attributes;

        using (Assert.EnterMultipleScope())
        {
            var giftCard = applied["applied_gift_cards"]!.AsArray().Single()!;
            Assert.That(giftCard["code"]!.GetValue<string>(), Is.EqualTo(code));
            Assert.That((giftCard["applied_balance"]!["value"]!.GetValue<double>(), giftCard["applied_balance"]!["currency"]!.GetValue<string>()), Is.EqualTo((20.0, "USD")));
            Assert.That(giftCard["current_balance"]!["value"]!.GetValue<double>(), Is.EqualTo(20.0), "the balance is taken only when the order is placed");
            Assert.That(giftCard["expiration_date"], Is.Null);
            Assert.That(applied["prices"]!["grand_total"]!["value"]!.GetValue<double>(), Is.EqualTo((before - 2000) / 100.0).Within(0.001));
            Assert.That(placed.Data!["placeOrder"]!["order"]!["order_number"], Is.Not.Null);
            Assert.That(order["gift_card_code"]!.GetValue<string>(), Is.EqualTo(code));
            Assert.That(order["gift_card_amount_cents"]!.GetValue<long>(), Is.EqualTo(-2000));
            Assert.That(card["balance_cents"]!.GetValue<long>(), Is.Zero, "the card paid once");
        }
    }

    [Test]
    public async Task RemoveGiftCardFromCart_gives_the_amount_back_to_pay()
    {
        var guest = Guest();
        var cart = await guest.PrepareAsync();
        var (_, code) = await GiftCardAsync(balanceCents: 1500);
        var applied = (await ApplyAsync(guest, cart, code)).Ok().Data!["applyGiftCardToCart"]!["cart"]!;

        var removed = (await RemoveAsync(guest, cart, code)).Ok().Data!["removeGiftCardFromCart"]!["cart"]!;

        Assert.That(removed["applied_gift_cards"]!.AsArray(), Is.Empty, "Adobe Commerce answers an empty list");
        Assert.That(removed["prices"]!["grand_total"]!["value"]!.GetValue<double>(),
            Is.EqualTo(applied["prices"]!["grand_total"]!["value"]!.GetValue<double>() + 15).Within(0.001));
        Assert.That((await Api.GetAsync($"orders/{cart}")).Attributes["gift_card_code"], Is.Null);
    }

    [Test]
    public async Task The_gift_card_mutations_answer_Magentos_errors_and_a_refused_code_changes_nothing()
    {
        var guest = Guest();
        var (_, code) = await GiftCardAsync(balanceCents: 1000);
        var (_, another) = await GiftCardAsync(balanceCents: 1000);
        var cart = await guest.PrepareAsync();
        var other = await guest.PrepareAsync();
        (await ApplyAsync(guest, cart, code)).Ok();

        MagentoTutorial.AssertError(await ApplyAsync(guest, "", code), "Required parameter \"cart_id\" is missing", "graphql-input");
        MagentoTutorial.AssertError(await ApplyAsync(guest, other, ""), "Required parameter \"gift_card_code\" is missing", "graphql-input");
        MagentoTutorial.AssertError(await ApplyAsync(guest, "nosuchcart00", code), "Could not find a cart with ID \"nosuchcart00\"", "graphql-no-such-entity");
        MagentoTutorial.AssertError(await ApplyAsync(guest, cart, another), "A gift card is already applied to the cart. Remove it to apply another.", "graphql-input");
        var refused = await ApplyAsync(guest, other, "NO-SUCH-CARD-0001");
        MagentoTutorial.AssertError(refused, "The gift card code couldn't be added. Verify your information and try again.", "graphql-input");
        Assert.That(refused.ToString(), Does.Not.Contain("NO-SUCH-CARD-0001"), "the code is never quoted");
        MagentoTutorial.AssertError(await RemoveAsync(guest, other, code), "The gift card couldn't be deleted from the quote.", "graphql-input");
        MagentoTutorial.AssertError(await RemoveAsync(guest, cart, another), "The gift card couldn't be deleted from the quote.", "graphql-input");
        Assert.That((await Api.GetAsync($"orders/{other}")).Attributes["gift_card_code"], Is.Null, "a refused code changes nothing");
        Assert.That((await Api.GetAsync($"orders/{cart}")).Attributes["gift_card_code"]!.GetValue<string>(), Is.EqualTo(code), "nor does a refused removal");
    }

    /// <summary>An active USD card (the carts' currency) of <paramref name="balanceCents"/>; its id and code.</summary>
    private Task<(string Id, string Code)> GiftCardAsync(long balanceCents) => TestCatalog.ActiveGiftCardAsync(Api, "USD", balanceCents);
}
