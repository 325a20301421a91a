using Commerce.Domain.Common;
using Commerce.Domain.Orders;
using Commerce.Domain.Promotions;
using Commerce.UnitTests.Domain.Support;

namespace Commerce.UnitTests.Domain.Promotions;

public class AllocationTests
{
    [Test]
    public void Four_hundred_fifty_two_cents_over_three_equal_lines_are_151_151_150()
    {
        Assert.That(Allocation.LargestRemainder(-452, [1000, 1000, 1000]), Is.EqualTo(new long[] { -151, -151, -150 }));
    }

    [Test]
    public void The_parts_always_add_up_to_the_whole()
    {
        var random = new Random(15);
        for (var round = 0; round < 500; round++)
        {
            var weights = Enumerable.Range(0, random.Next(1, 8)).Select(_ => (long)random.Next(0, 100_000)).ToArray();
            var amount = -(long)random.Next(0, 1_000_000);
            var parts = Allocation.LargestRemainder(amount, weights);
            if (weights.Sum() > 0)
                Assert.That(parts.Sum(), Is.EqualTo(amount), $"round {round}: {amount} over {string.Join(",", weights)}");
            Assert.That(parts.Zip(weights).Where(p => p.Second == 0).Select(p => p.First), Is.All.Zero, "a zero weight gets nothing");
        }
    }

    [Test]
    public void Larger_lines_get_larger_parts()
    {
        Assert.That(Allocation.LargestRemainder(-1000, [3000, 1000]), Is.EqualTo(new long[] { -750, -250 }));
    }
}

public class PromotionPricingTests
{
    private static readonly DateTimeOffset Now = TestOrders.Now;

    private static PercentageDiscountPromotion Percent(int percentage, string name = "ten off") =>
        new(name, "EUR", Now.AddDays(-1), Now.AddDays(1), percentage);

    private static FixedAmountPromotion Fixed(long cents) => new("fixed", "EUR", Now.AddDays(-1), Now.AddDays(1), cents);

    private static Order ItalianOrder(long unitCents, int quantity = 1, bool taxIncluded = true)
    {
        var order = Order.Create(TestOrders.Market("EUR", taxIncluded), "it");
        order.AddLineItem(TestOrders.Sku("A", unitCents), quantity);
        order.SetShippingAddress(new Address(TestOrders.ItalianAddress));
        return order;
    }

    [Test]
    public void Ten_percent_of_122_euros_tax_included_at_22_percent_is_taxed_on_the_discounted_amount()
    {
        var order = ItalianOrder(12200);

        order.UsePromotions([Percent(10)], Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.DiscountAmountCents, Is.EqualTo(-1220));
            Assert.That(order.TotalAmountWithTaxesCents, Is.EqualTo(10980));
            Assert.That(order.TotalTaxAmountCents, Is.EqualTo(1980), "10980 × 22 / 122");
            Assert.That(order.SubtotalAmountCents, Is.EqualTo(12200), "the subtotal is before discounts");
        }
    }

    [Test]
    public void Ten_percent_tax_added_is_taxed_on_the_discounted_amount()
    {
        var order = ItalianOrder(10000, taxIncluded: false);

        order.UsePromotions([Percent(10)], Now);

        Assert.That(order.TotalTaxAmountCents, Is.EqualTo(1980), "22% of 9000");
        Assert.That(order.TotalAmountWithTaxesCents, Is.EqualTo(10980));
    }

    [Test]
    public void A_discount_line_carries_the_promotion_type_and_its_parts_add_up_on_the_sku_lines()
    {
        var order = Order.Create(TestOrders.Market(), "it");
        order.AddLineItem(TestOrders.Sku("A", 1000), 1);
        order.AddLineItem(TestOrders.Sku("B", 1000), 1);
        order.AddLineItem(TestOrders.Sku("C", 1000), 1);

        order.UsePromotions([Fixed(452)], Now);

        var discount = order.LineItems.Single(l => !l.IsSku);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(discount.ItemType, Is.EqualTo(PromotionTypes.FixedAmount));
            Assert.That(discount.TotalAmountCents, Is.EqualTo(-452));
            Assert.That(order.SkuLines.Select(l => l.DiscountCents), Is.EquivalentTo(new long[] { -151, -151, -150 }));
            Assert.That(order.SkuLines.Select(l => l.DiscountBreakdown[discount.Id]).Sum(), Is.EqualTo(-452));
            Assert.That(order.SkusCount, Is.EqualTo(3), "a discount line is no SKU");
        }
    }

    [Test]
    public void A_percentage_applies_to_what_a_fixed_amount_left()
    {
        var order = ItalianOrder(10000);

        order.UsePromotions([Percent(10), Fixed(2000)], Now);

        Assert.That(order.DiscountAmountCents, Is.EqualTo(-2000 - 800));
    }

    [Test]
    public void An_exclusive_promotion_that_applies_is_the_only_one()
    {
        var order = ItalianOrder(10000);
        var exclusive = Percent(5, "exclusive");
        exclusive.Exclusive = true;

        order.UsePromotions([Percent(10), Fixed(2000), exclusive], Now);

        Assert.That(order.LineItems.Where(l => !l.IsSku).Select(l => l.Name), Is.EqualTo(new[] { "exclusive" }));
        Assert.That(order.DiscountAmountCents, Is.EqualTo(-500));
    }

    [Test]
    public void A_fixed_amount_never_takes_more_than_the_lines()
    {
        var order = ItalianOrder(1000);

        order.UsePromotions([Fixed(5000)], Now);

        Assert.That(order.DiscountAmountCents, Is.EqualTo(-1000));
        Assert.That(order.TotalAmountWithTaxesCents, Is.Zero);
    }

    [Test]
    public void Free_shipping_zeroes_shipping_and_nothing_before_a_shipping_method()
    {
        var order = ItalianOrder(1000);
        order.UsePromotions([new FreeShippingPromotion("free", "EUR", Now.AddDays(-1), Now.AddDays(1))], Now);
        Assert.That(order.LineItems.Where(l => !l.IsSku), Is.Empty, "no shipping method: nothing to take off");

        order.SetShippingMethod(TestOrders.Shipping(price: 700));

        Assert.That(order.ShippingAmountCents, Is.Zero);
        Assert.That(order.LineItems.Single(l => !l.IsSku).TotalAmountCents, Is.EqualTo(-700));
        Assert.That(order.TotalAmountWithTaxesCents, Is.EqualTo(1000));
    }

    [Test]
    public void Expired_disabled_not_started_and_other_currency_promotions_do_not_apply()
    {
        var order = ItalianOrder(10000);
        var disabled = Percent(10);
        disabled.Disable(Now);

        order.UsePromotions([
            new PercentageDiscountPromotion("expired", "EUR", Now.AddDays(-2), Now, 10),
            new PercentageDiscountPromotion("later", "EUR", Now.AddSeconds(1), Now.AddDays(2), 10),
            new PercentageDiscountPromotion("dollars", "USD", Now.AddDays(-1), Now.AddDays(1), 10),
            disabled], Now);

        Assert.That(order.DiscountAmountCents, Is.Zero);
    }

    [Test]
    public void A_coupon_code_fires_its_promotion_and_is_spelled_as_the_coupon()
    {
        var order = ItalianOrder(10000);
        var promotion = Percent(10);
        var rule = WithCoupon(promotion, "SPRING10");
        order.UsePromotions([promotion], Now);
        Assert.That(order.DiscountAmountCents, Is.Zero, "no code, no discount");

        order.SetCouponCode("spring10");

        Assert.That(order.CouponCode, Is.EqualTo("SPRING10"));
        Assert.That(order.LineItems.Single(l => !l.IsSku).CouponCode, Is.EqualTo("SPRING10"));
        Assert.That(order.DiscountAmountCents, Is.EqualTo(-1000));
        Assert.That(rule.Coupons, Has.Count.EqualTo(1));
    }

    [Test]
    public void An_unknown_or_expired_code_is_refused_at_coupon_code_and_changes_nothing()
    {
        var order = ItalianOrder(10000);
        var promotion = Percent(10);
        WithCoupon(promotion, "OLD").Coupons.Single().ExpiresAt = Now;
        order.UsePromotions([promotion], Now);
        var total = order.TotalAmountCents;

        var unknown = Assert.Throws<DomainException>(() => order.SetCouponCode("NOPE"))!;
        var expired = Assert.Throws<DomainException>(() => order.SetCouponCode("OLD"))!;

        Assert.That(unknown.Member, Is.EqualTo("coupon_code"));
        Assert.That(expired.Member, Is.EqualTo("coupon_code"));
        Assert.That(order.CouponCode, Is.Null);
        Assert.That(order.TotalAmountCents, Is.EqualTo(total));
    }

    [Test]
    public void A_code_that_stopped_applying_disappears_with_its_line()
    {
        var order = ItalianOrder(3000, quantity: 2);
        var promotion = Percent(10);
        WithCoupon(promotion, "BIG");
        _ = new OrderAmountPromotionRule(promotion, 5000) { UseSubtotal = true };
        order.UsePromotions([promotion], Now);
        order.SetCouponCode("BIG");
        Assert.That(order.DiscountAmountCents, Is.EqualTo(-600));

        order.ChangeLineItemQuantity(order.SkuLines.Single().Id, 1);

        Assert.That(order.CouponCode, Is.Null);
        Assert.That(order.LineItems.Where(l => !l.IsSku), Is.Empty);
        Assert.That(order.DiscountAmountCents, Is.Zero);
    }

    [Test]
    public void A_discount_line_cannot_be_changed_by_hand()
    {
        var order = ItalianOrder(10000);
        order.UsePromotions([Percent(10)], Now);

        var refused = Assert.Throws<DomainException>(() => order.RemoveLineItem(order.LineItems.Single(l => !l.IsSku).Id))!;

        Assert.That(refused.Member, Is.EqualTo("item_type"));
    }

    private static CouponCodesPromotionRule WithCoupon(Promotion promotion, string code)
    {
        var rule = new CouponCodesPromotionRule(promotion);
        _ = new Coupon(code, rule);
        return rule;
    }
}
