using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Recommendations;

/// <summary>
/// <c>GET /api/orders/:id/recommendations</c>: the products bought together with the order's products, most first, in stock,
/// never the order's own, padded with best sellers; on SQLite and PostgreSQL.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSql")]
public sealed class Recommending_products_for_an_order(string provider) : ProviderFixture(provider)
{
    private static readonly Dictionary<string, long> Eur = new() { ["EUR"] = 1000 };

    private async Task<TestCatalog.NewSku[]> SkusAsync(int count, int stock = 100)
    {
        var skus = new TestCatalog.NewSku[count];
        for (var i = 0; i < count; i++)
            skus[i] = await TestCatalog.CreateSkuAsync(Api, Eur, stock);
        return skus;
    }

    /// <summary>Places one order of these SKUs, one unit each.</summary>
    private async Task<string> PlaceAsync(params TestCatalog.NewSku[] skus)
    {
        var builder = new CheckoutBuilder(Api);
        foreach (var sku in skus)
            builder.WithItem(sku.Code);
        var order = await builder.BuildAsync();
        var placed = await Api.PlaceAsync(order.Id);
        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        return order.Id;
    }

    /// <summary>An order (not placed) of these SKUs.</summary>
    private async Task<string> CartAsync(params TestCatalog.NewSku[] skus)
    {
        var builder = new CheckoutBuilder(Api);
        foreach (var sku in skus)
            builder.WithItem(sku.Code);
        return (await builder.BuildAsync()).Id;
    }

    private async Task<IReadOnlyList<string>> RecommendedCodesAsync(string orderId, int? size = null)
    {
        var response = await Api.GetAsync($"orders/{orderId}/recommendations{(size is { } s ? $"?page[size]={s}" : "")}");
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        return [.. response.Data.AsArray().Select(s => s!["attributes"]!["code"]!.GetValue<string>())];
    }

    [Test]
    public async Task Recommendations_follow_co_purchases_most_first()
    {
        var s = await SkusAsync(3);
        var (a, b, c) = (s[0], s[1], s[2]);
        await PlaceAsync(a, b);
        await PlaceAsync(a, b);
        await PlaceAsync(a, c);
        await Eventually.OutboxIdleAsync(Api);

        var codes = await RecommendedCodesAsync(await CartAsync(a));

        Assert.That(codes.Take(2), Is.EqualTo(new[] { b.Code, c.Code }), "B was bought with A twice, C once");
        Assert.That(codes, Has.Count.EqualTo(4), "padded with best sellers to the default size");
        Assert.That(codes, Does.Not.Contain(a.Code));
    }

    [Test]
    public async Task A_new_co_purchase_changes_the_ranking()
    {
        var s = await SkusAsync(3);
        var (a, b, c) = (s[0], s[1], s[2]);
        await PlaceAsync(a, b);
        await Eventually.OutboxIdleAsync(Api);
        var cart = await CartAsync(a);
        Assert.That((await RecommendedCodesAsync(cart))[0], Is.EqualTo(b.Code));

        await PlaceAsync(a, c);
        await PlaceAsync(a, c);
        await Eventually.OutboxIdleAsync(Api);

        Assert.That((await RecommendedCodesAsync(cart)).Take(2), Is.EqualTo(new[] { c.Code, b.Code }));
    }

    [Test]
    public async Task Never_the_orders_own_products_and_only_what_is_in_stock()
    {
        var s = await SkusAsync(4);
        var (a, b, c, d) = (s[0], s[1], s[2], s[3]);
        await PlaceAsync(a, b, c, d);
        await PlaceAsync(a, c);
        await Eventually.OutboxIdleAsync(Api);
        var stock = await Api.GetAsync($"skus/{c.Id}/stock_item");
        var emptied = await Api.PatchAsync($"stock_items/{stock.Id}", Document("stock_items", new { quantity = 0 }, id: stock.Id));
        Assert.That(emptied.Status, Is.EqualTo(HttpStatusCode.OK), emptied.ToString());

        var codes = await RecommendedCodesAsync(await CartAsync(a, b), size: 20);

        Assert.That(codes[0], Is.EqualTo(d.Code), "C was bought with A more often, but is out of stock");
        Assert.That(codes, Does.Not.Contain(a.Code).And.Not.Contain(b.Code).And.Not.Contain(c.Code));
        Assert.That(codes, Is.Unique);
    }

    [Test]
    public async Task Cancelled_orders_no_longer_count()
    {
        var s = await SkusAsync(3);
        var (a, b, c) = (s[0], s[1], s[2]);
        await PlaceAsync(a, c);
        var first = await PlaceAsync(a, b);
        var second = await PlaceAsync(a, b);
        await Eventually.OutboxIdleAsync(Api);
        Assert.That((await RecommendedCodesAsync(await CartAsync(a)))[0], Is.EqualTo(b.Code), "before the cancellations");

        Assert.That((await Api.TriggerAsync(first, "_cancel")).Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Api.TriggerAsync(second, "_cancel")).Status, Is.EqualTo(HttpStatusCode.OK));
        await Eventually.OutboxIdleAsync(Api);

        Assert.That((await RecommendedCodesAsync(await CartAsync(a)))[0], Is.EqualTo(c.Code));
    }

    [Test]
    public async Task An_order_of_products_never_bought_together_gets_the_best_sellers()
    {
        var s = await SkusAsync(2);
        var (lonely, seller) = (s[0], s[1]);
        for (var i = 0; i < 3; i++)
            await PlaceAsync(seller);
        await Eventually.OutboxIdleAsync(Api);

        var codes = await RecommendedCodesAsync(await CartAsync(lonely), size: 20);

        Assert.That(codes, Has.Count.GreaterThanOrEqualTo(5), "the catalog has more products in stock");
        Assert.That(codes, Does.Contain(seller.Code).And.Not.Contain(lonely.Code));
    }

    [Test]
    public async Task The_page_is_four_by_default_at_most_twenty_and_its_result_id_is_stable()
    {
        var cart = await CartAsync((await SkusAsync(1))[0]);
        var other = await CartAsync((await SkusAsync(1))[0]);

        var first = await Api.GetAsync($"orders/{cart}/recommendations");
        var again = await Api.GetAsync($"orders/{cart}/recommendations?page[size]=2");
        var elsewhere = await Api.GetAsync($"orders/{other}/recommendations");
        var tooMany = await Api.GetAsync($"orders/{cart}/recommendations?page[size]=21");

        Assert.That(first.Data.AsArray(), Has.Count.EqualTo(4));
        Assert.That(first.Data[0]!["type"]!.GetValue<string>(), Is.EqualTo("skus"));
        Assert.That(again.Data.AsArray(), Has.Count.EqualTo(2));
        Assert.That(first.Body!["meta"]!["result_id"]!.GetValue<string>(), Is.EqualTo(again.Body!["meta"]!["result_id"]!.GetValue<string>()).And.Not.Empty);
        Assert.That(elsewhere.Body!["meta"]!["result_id"]!.GetValue<string>(), Is.Not.EqualTo(first.Body!["meta"]!["result_id"]!.GetValue<string>()));
        Assert.That(tooMany.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(tooMany.Error["source"]!["parameter"]!.GetValue<string>(), Is.EqualTo("page[size]"));
    }

    [Test]
    public async Task Recommendations_can_be_included_with_the_order_and_their_prices()
    {
        var s = await SkusAsync(2);
        var (a, b) = (s[0], s[1]);
        await PlaceAsync(a, b);
        await Eventually.OutboxIdleAsync(Api);
        var cart = await CartAsync(a);

        var response = await Api.GetAsync($"orders/{cart}?include=recommendations");
        var related = await Api.GetAsync($"orders/{cart}/recommendations?include=prices");

        var linkage = response.Data["relationships"]!["recommendations"]!["data"]!.AsArray();
        Assert.That(linkage, Has.Count.EqualTo(4));
        Assert.That(linkage[0]!["id"]!.GetValue<string>(), Is.EqualTo(b.Id));
        Assert.That(related.Body!["included"]!.AsArray().Select(p => p!["type"]!.GetValue<string>()), Does.Contain("prices"));
    }

    [Test]
    public async Task A_customer_cannot_read_the_recommendations_of_another_customers_order()
    {
        var cart = await CartAsync((await SkusAsync(1))[0]);
        var email = $"{Guid.NewGuid():N}@example.com";
        var created = await Api.PostAsync("customers", Document("customers", new { email, password = "correct horse battery" }));
        Assume.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        using var customer = Factory.CreateApiClient(await Factory.GetCustomerTokenAsync(email, "correct horse battery")).Http;
        var client = new JsonApiClient(customer);

        var response = await client.GetAsync($"orders/{cart}/recommendations");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NotFound), response.ToString());
    }
}
