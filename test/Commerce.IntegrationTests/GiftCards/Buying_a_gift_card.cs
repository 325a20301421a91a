using System.Net;
using System.Text.Json.Nodes;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.GiftCards;

/// <summary>
/// A gift card bought through a line item (<c>item_type: gift_cards</c>, <c>item</c> a draft card): priced at the card's balance,
/// untouched by discounts and taxes, <c>active</c> once the order is placed, draft again when the placement fails, deactivated
/// by <c>_cancel</c> (422 once spent). And the card that pays an order, shown as its negative <c>gift_cards</c> line. On SQLite
/// and PostgreSQL.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSql")]
public sealed class Buying_a_gift_card(string provider) : ProviderFixture(provider)
{
    // A mug (14.50) with Standard shipping (7.00 below 99.00): 21.50, tax included.
    private const long MugOrderCents = 2150;

    [Test]
    public async Task A_sales_channel_buys_a_draft_card_at_its_balance_and_placing_makes_it_active()
    {
        var salesChannel = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());
        var card = await salesChannel.PostAsync("gift_cards", Document("gift_cards", new { currency_code = "EUR", balance_cents = 5000, recipient_email = "friend@example.com" }));
        var order = await new CheckoutBuilder(salesChannel).BuildAsync();
        var before = await salesChannel.OrderAsync(order.Id);

        var line = await AddCardLineAsync(salesChannel, order.Id, card.Id);
        var priced = await salesChannel.OrderAsync(order.Id);
        var placed = await salesChannel.PlaceAsync(order.Id);
        var bought = await Api.CardAsync(card.Id);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(card.Status, Is.EqualTo(HttpStatusCode.Created), card.ToString());
            Assert.That(line.Status, Is.EqualTo(HttpStatusCode.Created), line.ToString());
            Assert.That(line.Attributes["item_type"]!.GetValue<string>(), Is.EqualTo("gift_cards"));
            Assert.That(line.Attributes.Cents("unit_amount_cents"), Is.EqualTo(5000));
            Assert.That(line.Attributes.Cents("total_amount_cents"), Is.EqualTo(5000));
            Assert.That(line.Attributes["quantity"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(priced.Cents("subtotal_amount_cents"), Is.EqualTo(before.Cents("subtotal_amount_cents") + 5000));
            Assert.That(priced.Cents("total_amount_with_taxes_cents"), Is.EqualTo(MugOrderCents + 5000));
            Assert.That(priced.Cents("total_tax_amount_cents"), Is.EqualTo(before.Cents("total_tax_amount_cents")), "a voucher bought is not taxed");
            Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
            Assert.That(bought["status"]!.GetValue<string>(), Is.EqualTo("active"));
            Assert.That(bought.Balance(), Is.EqualTo(5000));
            Assert.That(bought.LedgerBalance(), Is.EqualTo(5000));
        }
    }

    [Test]
    public async Task No_discount_applies_to_a_card_bought()
    {
        var card = await DraftCardAsync(5000);
        var order = await new CheckoutBuilder(Api).BuildAsync();
        await AddCardLineAsync(Api, order.Id, card);
        var code = await PercentageCouponAsync(10);

        var applied = await Api.PatchAsync($"orders/{order.Id}?include=line_items", Document("orders", new { coupon_code = code }, id: order.Id));

        Assert.That(applied.Status, Is.EqualTo(HttpStatusCode.OK), applied.ToString());
        var lines = applied.Body!["included"]!.AsArray().Select(l => l!["attributes"]!).ToList();
        var mug = lines.Single(l => l["item_type"]!.GetValue<string>() == "skus");
        var cardLine = lines.Single(l => l["item_type"]!.GetValue<string>() == "gift_cards");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(applied.Attributes.Cents("discount_amount_cents"), Is.EqualTo(-145), "10% of the mug (14.50), not of the card");
            Assert.That(mug.Cents("discount_cents"), Is.EqualTo(-145));
            Assert.That(cardLine.Cents("discount_cents"), Is.EqualTo(0));
            Assert.That(cardLine.Cents("total_amount_cents"), Is.EqualTo(5000));
            Assert.That(applied.Attributes.Cents("total_amount_with_taxes_cents"), Is.EqualTo(MugOrderCents - 145 + 5000));
        }
    }

    [Test]
    public async Task A_card_that_is_not_a_draft_or_in_another_currency_cannot_be_bought()
    {
        var (active, _) = await Api.ActiveCardAsync(1000);
        var dollars = await DraftCardAsync(1000, "USD");
        var order = await new CheckoutBuilder(Api).BuildAsync();
        var before = await Api.OrderAsync(order.Id);

        var activeLine = await AddCardLineAsync(Api, order.Id, active);
        var dollarLine = await AddCardLineAsync(Api, order.Id, dollars);
        var after = await Api.OrderAsync(order.Id);

        using (Assert.EnterMultipleScope())
        {
            foreach (var refused in new[] { activeLine, dollarLine })
            {
                Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), refused.ToString());
                Assert.That(refused.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/item" }));
            }
            Assert.That(after.Cents("total_amount_with_taxes_cents"), Is.EqualTo(before.Cents("total_amount_with_taxes_cents")));
        }
    }

    [Test]
    public async Task A_sales_channel_cannot_buy_a_card_it_cannot_read()
    {
        var salesChannel = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());
        var (active, _) = await Api.ActiveCardAsync(1000);
        var order = await new CheckoutBuilder(salesChannel).BuildAsync();

        var refused = await AddCardLineAsync(salesChannel, order.Id, active);

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.NotFound), refused.ToString());
        Assert.That(refused.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/item/data" }));
    }

    [Test]
    public async Task Two_orders_buying_one_card_place_once_and_the_other_is_422_at_line_items()
    {
        var card = await DraftCardAsync(2000);
        var first = await new CheckoutBuilder(Api).BuildAsync();
        var second = await new CheckoutBuilder(Api).BuildAsync();
        await AddCardLineAsync(Api, first.Id, card);
        await AddCardLineAsync(Api, second.Id, card);

        var responses = await Task.WhenAll(Task.Run(() => Api.PlaceAsync(first.Id)), Task.Run(() => Api.PlaceAsync(second.Id)));

        var all = string.Join("\n", responses.Select(r => r.Status + " " + r));
        Assert.That(responses.Count(r => r.Status == HttpStatusCode.OK), Is.EqualTo(1), all);
        var refused = responses.Single(r => r.Status != HttpStatusCode.OK);
        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), all);
        Assert.That(refused.ErrorPointers, Does.Contain("/data/relationships/line_items"), all);
        Assert.That((await Api.CardAsync(card))["status"]!.GetValue<string>(), Is.EqualTo("active"));
    }

    [Test]
    public async Task A_declined_placement_leaves_the_card_a_draft_and_the_approved_retry_activates_it()
    {
        var card = await DraftCardAsync(3000);
        var order = await new CheckoutBuilder(Api).PaidByCard("tok_chargeDeclined").BuildAsync();
        await AddCardLineAsync(Api, order.Id, card);

        var declined = await Api.PlaceAsync(order.Id);
        var afterDecline = await Api.CardAsync(card);
        var source = await Api.PostAsync("external_payments", Document("external_payments", new { payment_source_token = "tok_visa" }, new { order = ToOne("orders", order.Id) }));
        await Api.PatchAsync($"orders/{order.Id}", Document("orders", relationships: new { payment_source = ToOne("external_payments", source.Id) }, id: order.Id));
        var placed = await Api.PlaceAsync(order.Id);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(declined.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), declined.ToString());
            Assert.That(afterDecline["status"]!.GetValue<string>(), Is.EqualTo("draft"));
            Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
            Assert.That((await Api.CardAsync(card))["status"]!.GetValue<string>(), Is.EqualTo("active"));
        }
    }

    [Test]
    public async Task Cancelling_the_order_deactivates_the_card_it_bought()
    {
        var card = await DraftCardAsync(2500);
        var order = await new CheckoutBuilder(Api).BuildAsync();
        await AddCardLineAsync(Api, order.Id, card);
        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.OK));

        var cancelled = await Api.TriggerAsync(order.Id, "_cancel");

        Assert.That(cancelled.Status, Is.EqualTo(HttpStatusCode.OK), cancelled.ToString());
        Assert.That(await Eventually.TrueAsync(async () => (await Api.CardAsync(card))["status"]!.GetValue<string>() == "inactive"), Is.True,
            "the outbox deactivates the card the cancelled order bought");
    }

    [Test]
    public async Task Cancelling_is_422_once_the_card_it_bought_has_been_spent_and_changes_nothing()
    {
        var card = await DraftCardAsync(1000);
        var buying = await new CheckoutBuilder(Api).BuildAsync();
        await AddCardLineAsync(Api, buying.Id, card);
        Assert.That((await Api.PlaceAsync(buying.Id)).Status, Is.EqualTo(HttpStatusCode.OK));
        var code = (await Api.CardAsync(card))["code"]!.GetValue<string>();
        var spending = await new CheckoutBuilder(Api).BuildAsync();
        await Api.ApplyGiftCardAsync(spending.Id, code);
        Assert.That((await Api.PlaceAsync(spending.Id)).Status, Is.EqualTo(HttpStatusCode.OK));

        var refused = await Api.TriggerAsync(buying.Id, "_cancel");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), refused.ToString());
            Assert.That(refused.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/_cancel" }));
            Assert.That((await Api.OrderAsync(buying.Id)).Text("status"), Is.EqualTo("placed"));
            Assert.That((await Api.CardAsync(card))["status"]!.GetValue<string>(), Is.EqualTo("active"));
        }
    }

    [Test]
    public async Task The_card_that_pays_shows_as_a_negative_gift_cards_line_that_follows_the_order()
    {
        var (cardId, code) = await Api.ActiveCardAsync(1000);
        var order = await new CheckoutBuilder(Api).BuildAsync();

        var applied = await Api.PatchAsync($"orders/{order.Id}?include=line_items.item", Document("orders", new { gift_card_code = code }, id: order.Id));
        var removed = await Api.PatchAsync($"orders/{order.Id}?include=line_items", Document("orders", new { gift_card_code = "" }, id: order.Id));

        Assert.That(applied.Status, Is.EqualTo(HttpStatusCode.OK), applied.ToString());
        var included = applied.Body!["included"]!.AsArray();
        var redemption = included.Single(l => l!["type"]!.GetValue<string>() == "line_items" && l["attributes"]!["item_type"]!.GetValue<string>() == "gift_cards")!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(redemption["attributes"]!.Cents("total_amount_cents"), Is.EqualTo(-1000));
            Assert.That(applied.Attributes.Cents("gift_card_amount_cents"), Is.EqualTo(-1000));
            Assert.That(redemption["relationships"]!["item"]!["data"]!["id"]!.GetValue<string>(), Is.EqualTo(cardId));
            Assert.That(included.Any(r => r!["type"]!.GetValue<string>() == "gift_cards" && r["id"]!.GetValue<string>() == cardId), Is.True, "the card, to an integration");
            Assert.That(removed.Body!["included"]!.AsArray().Select(l => l!["attributes"]!["item_type"]!.GetValue<string>()), Is.EqualTo(new[] { "skus" }));
        }

        var refused = await Api.DeleteAsync($"line_items/{redemption["id"]!.GetValue<string>()}");
        Assert.That(refused.Status, Is.Not.EqualTo(HttpStatusCode.NoContent), "the line follows gift_card_code, not a hand");
    }

    private async Task<string> DraftCardAsync(long balanceCents, string currency = "EUR")
    {
        var card = await Api.PostAsync("gift_cards", Document("gift_cards", new { currency_code = currency, balance_cents = balanceCents }));
        Assert.That(card.Status, Is.EqualTo(HttpStatusCode.Created), card.ToString());
        return card.Id;
    }

    private static Task<ApiResponse> AddCardLineAsync(JsonApiClient api, string orderId, string cardId) =>
        api.PostAsync("line_items", Document("line_items", new { item_type = "gift_cards" },
            new { order = ToOne("orders", orderId), item = ToOne("gift_cards", cardId) }));

    private async Task<string> PercentageCouponAsync(int percentage)
    {
        var now = DateTimeOffset.UtcNow;
        var promotion = await Api.PostAsync("percentage_discount_promotions", Document("percentage_discount_promotions", new
        {
            name = "Card test", currency_code = "EUR", percentage, starts_at = now.AddDays(-1), expires_at = now.AddDays(30),
        }));
        var rule = await Api.PostAsync("coupon_codes_promotion_rules", Document("coupon_codes_promotion_rules", null,
            new { promotion = ToOne("percentage_discount_promotions", promotion.Id) }));
        var code = Unique("CARD");
        var coupon = await Api.PostAsync("coupons", Document("coupons", new { code }, new { promotion_rule = ToOne("coupon_codes_promotion_rules", rule.Id) }));
        Assert.That(coupon.Status, Is.EqualTo(HttpStatusCode.Created), coupon.ToString());
        return code;
    }
}
