using Commerce.Domain.Common;
using Commerce.Domain.GiftCards;
using Commerce.Domain.Orders;
using Commerce.UnitTests.Domain.Support;

namespace Commerce.UnitTests.Domain.GiftCards;

/// <summary>The order's gift card in its totals: 2 × €25 + €7 shipping = €57.00 in Italy (22%), tax included unless told.</summary>
public sealed class Paying_an_order_with_a_gift_card
{
    private static GiftCard Card(long balance, bool distribute = false, string currency = "EUR")
    {
        var card = GiftCard.Create(currency, balance, null, TestOrders.Now);
        card.SetDistributeDiscount(distribute);
        card.Activate(TestOrders.Now);
        return card;
    }

    [Test]
    public void A_card_pays_part_of_the_total_and_leaves_the_taxes_as_they_are()
    {
        var order = TestOrders.Placeable();

        order.ApplyGiftCard(Card(2000), "CODE-0001", TestOrders.Now);

        Assert.Multiple(() =>
        {
            Assert.That(order.GiftCardAmountCents, Is.EqualTo(-2000));
            Assert.That(order.TotalAmountCents, Is.EqualTo(5700));
            Assert.That(order.TotalAmountWithTaxesCents, Is.EqualTo(3700));
            Assert.That(order.AmountToAuthorizeCents, Is.EqualTo(3700));
            Assert.That(order.TotalTaxAmountCents, Is.EqualTo(1028), "round(5700 × 22 / 122): a card is a payment, not a price cut");
        });
    }

    [Test]
    public void A_card_that_distributes_its_discount_lowers_the_tax_to_what_the_remaining_amount_holds()
    {
        var order = TestOrders.Placeable();

        order.ApplyGiftCard(Card(2000, distribute: true), "CODE-0001", TestOrders.Now);

        Assert.That(order.TotalAmountWithTaxesCents, Is.EqualTo(3700));
        Assert.That(order.TotalTaxAmountCents, Is.EqualTo(667), "round(3700 × 22 / 122)");
    }

    [Test]
    public void With_taxes_added_the_card_pays_from_the_total_with_taxes()
    {
        var order = TestOrders.Placeable(taxIncluded: false);

        order.ApplyGiftCard(Card(2000), "CODE-0001", TestOrders.Now);

        Assert.That(order.TotalAmountCents, Is.EqualTo(6954), "5700 + round(5700 × 22%)");
        Assert.That(order.TotalAmountWithTaxesCents, Is.EqualTo(4954));
        Assert.That(order.TotalTaxAmountCents, Is.EqualTo(1254));
    }

    [Test]
    public void A_card_worth_more_than_the_order_pays_all_of_it_and_nothing_is_left_to_authorize()
    {
        var order = TestOrders.Placeable();

        order.ApplyGiftCard(Card(10000), "CODE-0001", TestOrders.Now);

        Assert.That(order.GiftCardAmountCents, Is.EqualTo(-5700));
        Assert.That(order.AmountToAuthorizeCents, Is.EqualTo(0));
    }

    [Test]
    public void The_card_follows_every_change_of_the_order()
    {
        var order = TestOrders.Placeable();
        order.ApplyGiftCard(Card(5000), "CODE-0001", TestOrders.Now);
        Assert.That(order.GiftCardAmountCents, Is.EqualTo(-5000));

        order.ChangeLineItemQuantity(order.SkuLines.Single().Id, 1);

        Assert.That(order.GiftCardAmountCents, Is.EqualTo(-3200), "the order now costs 25 + 7");
        Assert.That(order.TotalAmountWithTaxesCents, Is.EqualTo(0));
    }

    [Test]
    public void A_card_that_cannot_pay_is_refused_at_gift_card_code_and_changes_nothing()
    {
        var order = TestOrders.Placeable();
        var draft = GiftCard.Create("EUR", 1000, null, TestOrders.Now);

        var refused = Assert.Throws<DomainException>(() => order.ApplyGiftCard(draft, "CODE-0001", TestOrders.Now))!;
        var otherCurrency = Assert.Throws<DomainException>(() => order.ApplyGiftCard(Card(1000, currency: "USD"), "CODE-0002", TestOrders.Now))!;

        Assert.That(refused.Member, Is.EqualTo("gift_card_code"));
        Assert.That(otherCurrency.Member, Is.EqualTo("gift_card_code"));
        Assert.That(refused.Message + otherCurrency.Message, Does.Not.Contain("CODE-000"));
        Assert.That(order.GiftCardCode, Is.Null);
        Assert.That(order.TotalAmountWithTaxesCents, Is.EqualTo(5700));
    }
}
