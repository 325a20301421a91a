using Commerce.Domain.Orders;
using Commerce.Domain.Recommendations;

namespace Commerce.UnitTests.Domain.Recommendations;

public class PurchaseCountsTests
{
    [Test]
    public void Placing_an_order_counts_each_distinct_sku_once_and_each_ordered_pair_once()
    {
        var change = PurchaseCounts.Of(PurchaseCounts.BasketOf(["b", "a", "b", "c"]), 1);

        Assert.That(change.Skus, Is.EqualTo(new[] { new SkuCountChange("a", 1), new SkuCountChange("b", 1), new SkuCountChange("c", 1) }));
        Assert.That(change.Pairs.Select(p => (p.SkuId, p.OtherSkuId, p.Delta)), Is.EqualTo(new[]
        {
            ("a", "b", 1), ("a", "c", 1), ("b", "a", 1), ("b", "c", 1), ("c", "a", 1), ("c", "b", 1),
        }));
    }

    [Test]
    public void Cancelling_takes_back_exactly_what_placing_counted()
    {
        var basket = PurchaseCounts.BasketOf(["a", "b"]);

        var placed = PurchaseCounts.Of(basket, 1);
        var cancelled = PurchaseCounts.Of(basket, -1);

        Assert.That(cancelled.Skus.Select(s => (s.SkuId, -s.Delta)), Is.EqualTo(placed.Skus.Select(s => (s.SkuId, s.Delta))));
        Assert.That(cancelled.Pairs.Select(p => (p.SkuId, p.OtherSkuId, -p.Delta)), Is.EqualTo(placed.Pairs.Select(p => (p.SkuId, p.OtherSkuId, p.Delta))));
    }

    [Test]
    public void A_recorded_order_that_changes_its_items_moves_only_the_difference()
    {
        var change = PurchaseCounts.Between(["a", "b"], ["a", "c"]);

        Assert.That(change.Skus, Is.EquivalentTo(new[] { new SkuCountChange("b", -1), new SkuCountChange("c", 1) }));
        Assert.That(change.Pairs, Is.EquivalentTo(new[]
        {
            new PairCountChange("a", "b", -1), new PairCountChange("b", "a", -1), new PairCountChange("a", "c", 1), new PairCountChange("c", "a", 1),
        }));
        Assert.That(PurchaseCounts.Between(["a", "b"], ["a", "b"]).IsEmpty, Is.True);
    }

    [TestCase(OrderStatus.Placed, true)]
    [TestCase(OrderStatus.Approved, true)]
    [TestCase(OrderStatus.Cancelled, false)]
    [TestCase(OrderStatus.Pending, false)]
    [TestCase(OrderStatus.Placing, false)]
    public void Only_placed_and_approved_orders_count(string status, bool counts) =>
        Assert.That(PurchaseCounts.Counts(status), Is.EqualTo(counts));
}
