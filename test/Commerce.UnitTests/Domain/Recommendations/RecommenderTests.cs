using Commerce.Domain.Catalog;
using Commerce.Domain.Common;
using Commerce.Domain.Orders;
using Commerce.Domain.Recommendations;
using Commerce.UnitTests.Domain.Support;

namespace Commerce.UnitTests.Domain.Recommendations;

public class RecommenderTests
{
    /// <summary>A store that answers from fixed lists, and remembers what it was asked.</summary>
    private sealed class FixedRecommendationStore(IReadOnlyList<Sku> together, IReadOnlyList<Sku> sellers) : IRecommendationStore
    {
        public List<IReadOnlyCollection<string>> Excluded { get; } = [];

        public Task<IReadOnlyList<Sku>> BoughtTogetherAsync(IReadOnlyCollection<string> skuIds, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Sku>>([.. together.Where(s => !skuIds.Contains(s.Id)).Take(limit)]);

        public Task<IReadOnlyList<Sku>> BestSellersAsync(IReadOnlyCollection<string> excludedSkuIds, int limit, CancellationToken cancellationToken)
        {
            Excluded.Add(excludedSkuIds);
            return Task.FromResult<IReadOnlyList<Sku>>([.. sellers.Where(s => !excludedSkuIds.Contains(s.Id)).Take(limit)]);
        }
    }

    private static Order OrderOf(Sku sku)
    {
        var order = Order.Create(TestOrders.Market(), "en");
        order.AddLineItem(sku, 1);
        return order;
    }

    [Test]
    public async Task Bought_together_first_then_best_sellers_neither_repeated_nor_the_orders_own()
    {
        var own = TestOrders.Sku("OWN");
        var (b, c, d) = (TestOrders.Sku("B"), TestOrders.Sku("C"), TestOrders.Sku("D"));
        var store = new FixedRecommendationStore([b], [own, b, c, d]);

        var result = await new Recommender(store).ForOrderAsync(OrderOf(own), size: 3);

        Assert.That(result.Skus.Select(s => s.Code), Is.EqualTo(new[] { "B", "C", "D" }));
        Assert.That(store.Excluded.Single(), Is.EquivalentTo(new[] { own.Id, b.Id }));
    }

    [Test]
    public async Task A_full_page_of_co_purchases_asks_no_best_sellers()
    {
        var own = TestOrders.Sku("OWN");
        var store = new FixedRecommendationStore([TestOrders.Sku("B"), TestOrders.Sku("C")], [TestOrders.Sku("D")]);

        var result = await new Recommender(store).ForOrderAsync(OrderOf(own), size: 2);

        Assert.That(result.Skus.Select(s => s.Code), Is.EqualTo(new[] { "B", "C" }));
        Assert.That(store.Excluded, Is.Empty);
    }

    [Test]
    public void The_result_id_is_stable_per_order_and_slot()
    {
        var once = Recommender.ResultIdFor("o1", "s1");
        var again = Recommender.ResultIdFor(string.Concat("o", "1"), "s1");

        Assert.That(again, Is.EqualTo(once).And.Length.EqualTo(24));
        Assert.That(Recommender.ResultIdFor("o1", "s2"), Is.Not.EqualTo(Recommender.ResultIdFor("o1", "s1")));
        Assert.That(Recommender.ResultIdFor("o2", "s1"), Is.Not.EqualTo(Recommender.ResultIdFor("o1", "s1")));
    }

    [TestCase(0)]
    [TestCase(21)]
    public async Task A_size_out_of_range_is_refused(int size)
    {
        var recommender = new Recommender(new FixedRecommendationStore([], []));

        var refused = await Assert.ThrowsAsync<DomainException>(() => recommender.ForOrderAsync(OrderOf(TestOrders.Sku()), size));

        Assert.That(refused!.Member, Is.EqualTo("size"));
    }
}
