using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.GiftCards;

/// <summary>
/// <c>gift_card_code</c> on an order: the card pays part or all of it, its balance is taken once at placement, given back when
/// the placement fails or the order is cancelled; a single-use card ends redeemed. On SQLite and PostgreSQL.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSql")]
public sealed class Paying_with_a_gift_card(string provider) : ProviderFixture(provider)
{
    // A mug (14.50) with Standard shipping (7.00 below 99.00): 21.50.
    private const long MugOrderCents = 2150;

    [Test]
    public async Task A_card_pays_part_of_the_order_and_the_gateway_authorizes_the_rest()
    {
        var (cardId, code) = await Api.ActiveCardAsync(1000);
        var order = await new CheckoutBuilder(Api).BuildAsync();

        var applied = await Api.ApplyGiftCardAsync(order.Id, code);
        var placed = await Api.PlaceAsync(order.Id);
        var authorizations = await Api.RelatedAsync(order.Id, "authorizations");
        var card = await Api.CardAsync(cardId);

        Assert.Multiple(() =>
        {
            Assert.That(applied.Status, Is.EqualTo(HttpStatusCode.OK), applied.ToString());
            Assert.That(applied.Attributes.Cents("gift_card_amount_cents"), Is.EqualTo(-1000));
            Assert.That(applied.Attributes["formatted_gift_card_amount"]!.GetValue<string>(), Does.Contain("10,00"));
            Assert.That(applied.Attributes.Cents("total_amount_cents"), Is.EqualTo(MugOrderCents));
            Assert.That(applied.Attributes.Cents("total_amount_with_taxes_cents"), Is.EqualTo(MugOrderCents - 1000));
            Assert.That(applied.Attributes["gift_card_code"]!.GetValue<string>(), Is.EqualTo(code));
            Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
            Assert.That(authorizations.Select(a => a!["attributes"]!["amount_cents"]!.GetValue<long>()), Is.EqualTo(new[] { MugOrderCents - 1000 }));
            Assert.That(card.Balance(), Is.EqualTo(0));
            Assert.That(card.LedgerBalance(), Is.EqualTo(0));
            Assert.That(card["usage_log"]![order.Id]!.AsArray().Select(e => e!["status"]!.GetValue<string>()), Is.EqualTo(new[] { "committed" }));
        });
    }

    [Test]
    public async Task A_card_that_covers_the_whole_order_leaves_nothing_to_authorize()
    {
        var (cardId, code) = await Api.ActiveCardAsync(10000);
        var order = await new CheckoutBuilder(Api).BuildAsync();

        var applied = await Api.ApplyGiftCardAsync(order.Id, code);
        var placed = await Api.PlaceAsync(order.Id);

        Assert.That(applied.Attributes.Cents("gift_card_amount_cents"), Is.EqualTo(-MugOrderCents));
        Assert.That(applied.Attributes.Cents("total_amount_with_taxes_cents"), Is.EqualTo(0));
        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        Assert.That(placed.Attributes["payment_status"]!.GetValue<string>(), Is.EqualTo("free"));
        Assert.That((await Api.CardAsync(cardId)).Balance(), Is.EqualTo(10000 - MugOrderCents));
    }

    [Test]
    public async Task A_code_that_does_not_apply_is_422_at_gift_card_code_and_changes_nothing()
    {
        var (_, inactiveCode) = await Api.ActiveCardAsync(1000);
        var inactive = (await Api.GetAsync($"gift_cards?filter[q][code_eq]={inactiveCode}")).Data.AsArray()[0]!["id"]!.GetValue<string>();
        await Api.PatchAsync($"gift_cards/{inactive}", Document("gift_cards", new { _deactivate = true }, id: inactive));
        var (_, dollarCode) = await Api.ActiveCardAsync(1000, currency: "USD");
        var order = await new CheckoutBuilder(Api).BuildAsync();

        var unknown = await Api.ApplyGiftCardAsync(order.Id, "NO-SUCH-CARD-CODE");
        var deactivated = await Api.ApplyGiftCardAsync(order.Id, inactiveCode);
        var otherCurrency = await Api.ApplyGiftCardAsync(order.Id, dollarCode);
        var lowerCase = await Api.ApplyGiftCardAsync(order.Id, inactiveCode.ToLowerInvariant());
        var after = await Api.OrderAsync(order.Id);

        Assert.Multiple(() =>
        {
            foreach (var (refused, code) in new[] { (unknown, "NO-SUCH-CARD-CODE"), (deactivated, inactiveCode), (otherCurrency, dollarCode), (lowerCase, inactiveCode.ToLowerInvariant()) })
            {
                Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), refused.ToString());
                Assert.That(refused.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/gift_card_code" }));
                Assert.That(refused.Body!.ToJsonString(), Does.Not.Contain(code), "an error never quotes the code");
            }
            Assert.That(after["gift_card_code"], Is.Null);
            Assert.That(after.Cents("total_amount_with_taxes_cents"), Is.EqualTo(MugOrderCents));
        });
    }

    [Test]
    public async Task A_blank_code_removes_the_card()
    {
        var (_, code) = await Api.ActiveCardAsync(1000);
        var order = await new CheckoutBuilder(Api).BuildAsync();
        await Api.ApplyGiftCardAsync(order.Id, code);

        var removed = await Api.ApplyGiftCardAsync(order.Id, "");

        Assert.That(removed.Status, Is.EqualTo(HttpStatusCode.OK), removed.ToString());
        Assert.That(removed.Attributes["gift_card_code"], Is.Null);
        Assert.That(removed.Attributes.Cents("gift_card_amount_cents"), Is.EqualTo(0));
        Assert.That(removed.Attributes.Cents("total_amount_with_taxes_cents"), Is.EqualTo(MugOrderCents));
    }

    [Test]
    public async Task A_declined_then_approved_placement_takes_the_balance_once()
    {
        var (cardId, code) = await Api.ActiveCardAsync(1000);
        var order = await new CheckoutBuilder(Api).PaidByCard("tok_chargeDeclined").BuildAsync();
        await Api.ApplyGiftCardAsync(order.Id, code);

        var declined = await Api.PlaceAsync(order.Id);
        var afterDecline = await Api.CardAsync(cardId);
        var source = await Api.PostAsync("external_payments", Document("external_payments", new { payment_source_token = "tok_visa" }, new { order = ToOne("orders", order.Id) }));
        await Api.PatchAsync($"orders/{order.Id}", Document("orders", relationships: new { payment_source = ToOne("external_payments", source.Id) }, id: order.Id));
        var placed = await Api.PlaceAsync(order.Id);
        var afterPlace = await Api.CardAsync(cardId);

        Assert.Multiple(() =>
        {
            Assert.That(declined.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), declined.ToString());
            Assert.That(afterDecline.Balance(), Is.EqualTo(1000), "a declined placement takes nothing");
            Assert.That(afterDecline["usage_log"]![order.Id]!.AsArray().Select(e => e!["status"]!.GetValue<string>()), Is.EqualTo(new[] { "released" }));
            Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
            Assert.That(afterPlace.Balance(), Is.EqualTo(0));
            Assert.That(afterPlace.LedgerBalance(), Is.EqualTo(0));
        });
    }

    [Test]
    public async Task A_single_use_card_is_redeemed_by_the_order_that_uses_it()
    {
        var (cardId, code) = await Api.ActiveCardAsync(5000, new { single_use = true });
        var order = await new CheckoutBuilder(Api).BuildAsync();
        await Api.ApplyGiftCardAsync(order.Id, code);

        var placed = await Api.PlaceAsync(order.Id);
        var card = await Api.CardAsync(cardId);
        var another = await new CheckoutBuilder(Api).BuildAsync();
        var again = await Api.ApplyGiftCardAsync(another.Id, code);

        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        Assert.That(card["status"]!.GetValue<string>(), Is.EqualTo("redeemed"));
        Assert.That(card.Balance(), Is.EqualTo(5000 - MugOrderCents), "what is left stays on the card's record");
        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(again.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/gift_card_code" }));
    }

    [Test]
    public async Task Cancelling_the_order_gives_the_balance_back()
    {
        var (cardId, code) = await Api.ActiveCardAsync(5000, new { single_use = true });
        var order = await new CheckoutBuilder(Api).BuildAsync();
        await Api.ApplyGiftCardAsync(order.Id, code);
        await Api.PlaceAsync(order.Id);

        var cancelled = await Api.TriggerAsync(order.Id, "_cancel");
        var restored = await Eventually.TrueAsync(async () => (await Api.CardAsync(cardId)).Balance() == 5000);
        var card = await Api.CardAsync(cardId);

        Assert.That(cancelled.Status, Is.EqualTo(HttpStatusCode.OK), cancelled.ToString());
        Assert.That(restored, Is.True, "the balance came back");
        Assert.That(card["status"]!.GetValue<string>(), Is.EqualTo("active"), "a redeemed card is usable again");
        Assert.That(card.LedgerBalance(), Is.EqualTo(5000));
        Assert.That(card["usage_log"]![order.Id]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()), Is.EqualTo(new[] { "usage", "restore" }));
    }

    [Test]
    public async Task A_card_that_expired_or_was_deactivated_between_pricing_and_placing_is_422_and_takes_nothing()
    {
        var (expiringId, expiringCode) = await Api.ActiveCardAsync(1000);
        var (deactivatedId, deactivatedCode) = await Api.ActiveCardAsync(1000);
        var first = await new CheckoutBuilder(Api).BuildAsync();
        var second = await new CheckoutBuilder(Api).BuildAsync();
        await Api.ApplyGiftCardAsync(first.Id, expiringCode);
        await Api.ApplyGiftCardAsync(second.Id, deactivatedCode);
        await Api.PatchAsync($"gift_cards/{expiringId}", Document("gift_cards", new { expires_at = DateTimeOffset.UtcNow.AddSeconds(-1) }, id: expiringId));
        await Api.PatchAsync($"gift_cards/{deactivatedId}", Document("gift_cards", new { _deactivate = true }, id: deactivatedId));

        var expired = await Api.PlaceAsync(first.Id);
        var deactivated = await Api.PlaceAsync(second.Id);

        Assert.Multiple(async () =>
        {
            Assert.That(expired.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), expired.ToString());
            Assert.That(expired.ErrorPointers, Has.Member("/data/attributes/gift_card_code"));
            Assert.That(deactivated.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), deactivated.ToString());
            Assert.That(deactivated.ErrorPointers, Has.Member("/data/attributes/gift_card_code"));
            Assert.That((await Api.OrderAsync(first.Id))["status"]!.GetValue<string>(), Is.EqualTo("pending"));
            Assert.That((await Api.CardAsync(expiringId)).Balance(), Is.EqualTo(1000));
            Assert.That((await Api.CardAsync(deactivatedId)).Balance(), Is.EqualTo(1000));
        });
    }

    [Test]
    public async Task One_card_racing_on_several_orders_never_goes_below_zero_and_loses_what_the_placed_orders_used()
    {
        var (cardId, code) = await Api.ActiveCardAsync(5000);
        var orders = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var order = await new CheckoutBuilder(Api).BuildAsync();
            var applied = await Api.ApplyGiftCardAsync(order.Id, code);
            Assert.That(applied.Attributes.Cents("gift_card_amount_cents"), Is.EqualTo(-MugOrderCents), applied.ToString());
            orders.Add(order.Id);
        }

        var results = await Task.WhenAll(orders.Select(id => Api.PlaceAsync(id)));
        var card = await Api.CardAsync(cardId);
        var placed = orders.Where((_, i) => results[i].Status == HttpStatusCode.OK).ToList();
        var used = 0L;
        foreach (var id in placed)
            used -= (await Api.OrderAsync(id)).Cents("gift_card_amount_cents");

        Assert.Multiple(() =>
        {
            Assert.That(placed, Has.Count.EqualTo(2), string.Join("\n", results.Select(r => r.ToString())));
            Assert.That(results.Where(r => r.Status != HttpStatusCode.OK).Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.UnprocessableEntity).Or.EqualTo(HttpStatusCode.Conflict));
            Assert.That(card.Balance(), Is.EqualTo(5000 - used).And.GreaterThanOrEqualTo(0));
            Assert.That(card.Balance(), Is.EqualTo(5000 - 2 * MugOrderCents));
            Assert.That(card.LedgerBalance(), Is.EqualTo(card.Balance()));
        });
    }
}
