using Commerce.Domain.Common;
using Commerce.Domain.GiftCards;
using Commerce.Domain.Orders;
using Commerce.UnitTests.Domain.Support;

namespace Commerce.UnitTests.Domain.GiftCards;

/// <summary>
/// A gift card bought on an order (a <c>gift_cards</c> line) and the card that pays one (the negative redemption line), in the
/// order's totals: 2 × €25 + €7 shipping = €57.00 in Italy (22%), tax included unless told.
/// </summary>
public sealed class Buying_a_gift_card_on_an_order
{
    private static GiftCard Draft(long balance, string currency = "EUR") => GiftCard.Create(currency, balance, null, TestOrders.Now);

    [Test]
    public void A_card_bought_is_a_line_at_its_balance_added_to_the_subtotal_and_total_outside_the_tax_base()
    {
        var order = TestOrders.Placeable();
        var taxBefore = order.TotalTaxAmountCents;

        var line = order.AddGiftCardPurchase(Draft(5000));

        Assert.Multiple(() =>
        {
            Assert.That(line.ItemType, Is.EqualTo(LineItemTypes.GiftCards));
            Assert.That(line.IsGiftCardPurchase, Is.True);
            Assert.That((line.Quantity, line.UnitAmountCents, line.TotalAmountCents), Is.EqualTo((1, 5000L, 5000L)));
            Assert.That(order.SubtotalAmountCents, Is.EqualTo(10000));
            Assert.That(order.TotalAmountWithTaxesCents, Is.EqualTo(10700));
            Assert.That(order.TotalTaxAmountCents, Is.EqualTo(taxBefore), "a voucher bought is a payment in advance: no tax on it");
            Assert.That(order.SkusCount, Is.EqualTo(2), "skus_count counts SKUs");
        });
    }

    [Test]
    public void With_taxes_added_a_card_bought_still_adds_only_its_balance()
    {
        var order = TestOrders.Placeable(taxIncluded: false);
        var before = order.TotalAmountWithTaxesCents;

        order.AddGiftCardPurchase(Draft(5000));

        Assert.That(order.TotalAmountWithTaxesCents, Is.EqualTo(before + 5000));
    }

    [Test]
    public void An_order_with_only_a_card_bought_is_pending_needs_no_shipping_and_can_be_placed()
    {
        var order = TestOrders.NewOrder("EUR", "en", "buyer@example.com");

        order.AddGiftCardPurchase(Draft(2500));

        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Pending));
            Assert.That(order.RequiresShipping, Is.False);
            Assert.That(order.TotalAmountWithTaxesCents, Is.EqualTo(2500));
        });
    }

    [Test]
    public void Only_a_draft_card_in_the_order_s_currency_can_be_bought_and_only_once_per_order()
    {
        var order = TestOrders.Placeable();
        var active = Draft(1000);
        active.Activate(TestOrders.Now);
        var card = Draft(1000);
        order.AddGiftCardPurchase(card);

        Assert.Multiple(() =>
        {
            foreach (var refused in new[] { active, Draft(1000, "USD"), card })
            {
                var failure = Assert.Throws<DomainException>(() => order.AddGiftCardPurchase(refused))!;
                Assert.That(failure.Failures.Single().Member, Is.EqualTo("item"));
            }
            Assert.That(order.LineItems.Count(l => l.IsGiftCardPurchase), Is.EqualTo(1));
        });
    }

    [Test]
    public void A_card_line_s_quantity_is_one()
    {
        var order = TestOrders.Placeable();
        var line = order.AddGiftCardPurchase(Draft(1000));

        var failure = Assert.Throws<DomainException>(() => order.ChangeLineItemQuantity(line.Id, 2))!;

        Assert.That(failure.Failures.Single().Member, Is.EqualTo("quantity"));
        Assert.That(line.Quantity, Is.EqualTo(1));
    }

    [Test]
    public void A_card_bought_can_be_removed_like_a_sku_line()
    {
        var order = TestOrders.Placeable();
        var total = order.TotalAmountWithTaxesCents;
        var line = order.AddGiftCardPurchase(Draft(1000));

        order.RemoveLineItem(line.Id);

        Assert.That(order.TotalAmountWithTaxesCents, Is.EqualTo(total));
        Assert.That(order.LineItems.Any(l => l.ItemType == LineItemTypes.GiftCards), Is.False);
    }

    [Test]
    public void The_card_that_pays_is_a_negative_gift_cards_line_that_follows_the_order_and_goes_with_the_code()
    {
        var order = TestOrders.Placeable();
        var card = Draft(2000);
        card.Activate(TestOrders.Now);

        order.ApplyGiftCard(card, "CODE-0001", TestOrders.Now);
        var applied = order.LineItems.Single(l => l.IsGiftCardRedemption);
        var appliedAmount = applied.TotalAmountCents;
        order.RemoveLineItem(order.SkuLines.First().Id);
        order.AddLineItem(TestOrders.Sku("CAP", 1000), 1);
        var followed = order.LineItems.Single(l => l.IsGiftCardRedemption).TotalAmountCents;
        order.RemoveGiftCard();

        Assert.Multiple(() =>
        {
            Assert.That(applied.ItemType, Is.EqualTo(LineItemTypes.GiftCards));
            Assert.That(applied.ItemId, Is.EqualTo(card.Id));
            Assert.That(appliedAmount, Is.EqualTo(-2000));
            Assert.That(followed, Is.EqualTo(-1700), "the card pays all of €10 + €7 shipping");
            Assert.That(order.LineItems.Any(l => l.IsGiftCardRedemption), Is.False);
            Assert.That(order.LineItems.Where(l => l.ItemType == LineItemTypes.GiftCards), Is.Empty);
        });
    }

    [Test]
    public void The_redemption_line_cannot_be_changed_by_hand()
    {
        var order = TestOrders.Placeable();
        var card = Draft(2000);
        card.Activate(TestOrders.Now);
        order.ApplyGiftCard(card, "CODE-0001", TestOrders.Now);
        var line = order.LineItems.Single(l => l.IsGiftCardRedemption);

        var failure = Assert.Throws<DomainException>(() => order.RemoveLineItem(line.Id))!;

        Assert.That(failure.Failures.Single().Member, Is.EqualTo("item_type"));
    }
}
