using System.Net;
using System.Text.Json.Nodes;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Protocol;

/// <summary>
/// Include paths that lead back to where they started (a SKU's prices' SKU): a compound document with each resource
/// once and the linkage right at every level, on every provider.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSql")]
public sealed class Include_cycles(string provider) : ProviderFixture(provider)
{
    [Test]
    public async Task Skus_with_their_prices_and_the_prices_sku_are_one_compound_document()
    {
        var response = await Api.GetAsync("skus?include=prices.sku&page[size]=25");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        var skus = response.Data.AsArray();
        Assert.That(skus, Has.Count.EqualTo(5));
        AssertEachResourceOnce(response);
        Assert.That(Included(response).Select(Type), Is.Not.Empty.And.All.EqualTo("prices"), "the SKUs are primary data, never repeated in included");
        foreach (var sku in skus)
        {
            var prices = Linkage(sku!, "prices");
            Assert.That(prices, Is.Not.Empty);
            foreach (var price in prices)
                Assert.That(LinkedId(Find(response, "prices", price), "sku"), Is.EqualTo(Id(sku!)), "a price's sku is the SKU that lists it");
        }
    }

    [Test]
    public async Task Prices_with_their_sku_and_its_prices_are_one_compound_document()
    {
        var response = await Api.GetAsync("prices?include=sku.prices&page[size]=3&sort=amount_cents");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        AssertEachResourceOnce(response);
        foreach (var price in response.Data.AsArray())
        {
            var sku = Find(response, "skus", LinkedId(price!, "sku")!);
            Assert.That(Linkage(sku, "prices"), Is.EquivalentTo(await AllPricesAsync(Id(sku))), "all the SKU's prices, not only those on the page");
            foreach (var sibling in Linkage(sku, "prices"))
                Assert.That(Type(Find(response, "prices", sibling)), Is.EqualTo("prices"), "every price linked is in the document");
        }
    }

    [Test]
    public async Task Skus_with_their_stock_item_and_its_sku_are_one_compound_document()
    {
        var response = await Api.GetAsync("skus?include=stock_item.sku&page[size]=25");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        AssertEachResourceOnce(response);
        Assert.That(Included(response).Select(Type), Is.Not.Empty.And.All.EqualTo("stock_items"));
        foreach (var sku in response.Data.AsArray())
        {
            var stockItem = Find(response, "stock_items", LinkedId(sku!, "stock_item")!);
            Assert.That(LinkedId(stockItem, "sku"), Is.EqualTo(Id(sku!)));
        }
    }

    [Test]
    public async Task One_sku_with_its_prices_sku_and_the_related_prices_with_their_skus_prices_are_served()
    {
        var sku = Id((await Api.GetAsync("skus?filter[q][code_eq]=" + DemoSkus.Mug)).Data[0]!);

        var single = await Api.GetAsync($"skus/{sku}?include=prices.sku");
        var related = await Api.GetAsync($"skus/{sku}/prices?include=sku.prices");

        Assert.That(single.Status, Is.EqualTo(HttpStatusCode.OK), single.ToString());
        AssertEachResourceOnce(single);
        Assert.That(Linkage(single.Data, "prices"), Has.Count.EqualTo(2));
        Assert.That(Linkage(single.Data, "prices").Select(p => LinkedId(Find(single, "prices", p), "sku")), Is.Not.Empty.And.All.EqualTo(sku));
        Assert.That(related.Status, Is.EqualTo(HttpStatusCode.OK), related.ToString());
        AssertEachResourceOnce(related);
        Assert.That(Linkage(Find(related, "skus", sku), "prices"), Is.EquivalentTo(related.Data.AsArray().Select(p => Id(p!))));
    }

    [Test]
    public async Task A_prices_related_sku_with_its_prices_lists_them_all()
    {
        var sku = Id((await Api.GetAsync("skus?filter[q][code_eq]=" + DemoSkus.Mug)).Data[0]!);
        var prices = await AllPricesAsync(sku);

        var response = await Api.GetAsync($"prices/{prices[0]}/sku?include=prices");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        AssertEachResourceOnce(response);
        Assert.That(Id(response.Data), Is.EqualTo(sku));
        Assert.That(Linkage(response.Data, "prices"), Is.EquivalentTo(prices));
        Assert.That(Included(response).Select(Id), Is.EquivalentTo(prices));
    }

    [Test]
    public async Task An_order_with_its_line_items_and_their_order_is_one_compound_document()
    {
        var order = await new CheckoutBuilder(Api).WithItem(DemoSkus.Mug).WithItem(DemoSkus.Tshirt, 2).BuildAsync();

        var response = await Api.GetAsync($"orders/{order.Id}?include=line_items.order");
        var withSkus = await Api.GetAsync($"orders/{order.Id}?include=line_items.sku.prices,line_items.order.line_items");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        AssertEachResourceOnce(response);
        var lineItems = Linkage(response.Data, "line_items");
        Assert.That(lineItems, Has.Count.EqualTo(2));
        Assert.That(Included(response).Select(Type), Is.Not.Empty.And.All.EqualTo("line_items"), "the order is primary data, never repeated in included");
        Assert.That(lineItems.Select(l => LinkedId(Find(response, "line_items", l), "order")), Is.Not.Empty.And.All.EqualTo(order.Id));
        Assert.That(withSkus.Status, Is.EqualTo(HttpStatusCode.OK), withSkus.ToString());
        AssertEachResourceOnce(withSkus);
        Assert.That(Included(withSkus).Count(r => Type(r) == "skus"), Is.EqualTo(2));
    }

    private async Task<List<string>> AllPricesAsync(string sku)
    {
        var linkage = await Api.GetAsync($"skus/{sku}/relationships/prices");
        Assert.That(linkage.Status, Is.EqualTo(HttpStatusCode.OK), linkage.ToString());
        return [.. linkage.Data.AsArray().Select(p => Id(p!))];
    }

    private static IEnumerable<JsonNode> Included(ApiResponse response) => response.Body!["included"]?.AsArray().Select(n => n!) ?? [];

    private static IEnumerable<JsonNode> Primary(ApiResponse response) =>
        response.Data is JsonArray many ? many.Select(n => n!) : [response.Data];

    private static void AssertEachResourceOnce(ApiResponse response)
    {
        var keys = Primary(response).Concat(Included(response)).Select(r => (Type(r), Id(r))).ToList();
        Assert.That(keys, Is.Unique, "each resource appears once in data and included together");
    }

    private static JsonNode Find(ApiResponse response, string type, string id) =>
        Primary(response).Concat(Included(response)).SingleOrDefault(r => Type(r) == type && Id(r) == id)
        ?? throw new AssertionException($"{type} {id} is linked but not in the document: {response}");

    private static List<string> Linkage(JsonNode resource, string relationship) =>
        [.. resource["relationships"]![relationship]!["data"]!.AsArray().Select(i => Id(i!))];

    private static string? LinkedId(JsonNode resource, string relationship) =>
        resource["relationships"]![relationship]!["data"]?["id"]?.GetValue<string>();

    private static string Type(JsonNode resource) => resource["type"]!.GetValue<string>();

    private static string Id(JsonNode resource) => resource["id"]!.GetValue<string>();
}
