using System.Net;
using Commerce.ReliabilityTests.Infrastructure;
using Commerce.ReliabilityTests.Invariants;

namespace Commerce.ReliabilityTests.Races;

/// <summary>Many requests at once against one service: one order placed by fifty, many orders for the last units.</summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.PostgreSql)]
[NonParallelizable]
public sealed class Concurrent_placements(Provider provider) : RaceFixture(provider)
{
    [Test]
    public async Task Fifty_concurrent_places_of_one_order_place_it_once_and_charge_once()
    {
        var order = await new CheckoutBuilder(Shop.Api).BuildAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => Shop.Api.PlaceAsync(order.Id))));

        var all = string.Join("\n", responses.Select(r => r.ToString()));
        Assert.That(responses.Count(r => r.Status == HttpStatusCode.OK), Is.EqualTo(1), all);
        Assert.That(responses.Where(r => r.Status != HttpStatusCode.OK).Select(r => r.Status),
            Is.Not.Empty.And.All.AnyOf(HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity), all);
        Assert.That(Shop.Gateway.AuthorizeCallsFor(order.Id), Is.EqualTo(1), "the gateway was asked to authorize once");
        Assert.That(await Shop.Api.RelatedAsync(order.Id, "authorizations"), Has.Count.EqualTo(1));
        await Shop.AssertInvariantsAsync();
    }

    [Test]
    public async Task Fifty_concurrent_places_with_one_idempotency_key_place_it_once_and_replay_the_answer()
    {
        var order = await new CheckoutBuilder(Shop.Api).BuildAsync();
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "place-" + order.Id };
        var document = JsonApiClient.Document("orders", new Dictionary<string, object> { ["_place"] = true }, id: order.Id);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() =>
            Shop.Api.SendAsync(HttpMethod.Patch, $"orders/{order.Id}", document, headers: headers))));
        var again = await Shop.Api.SendAsync(HttpMethod.Patch, $"orders/{order.Id}", document, headers: headers);

        var all = string.Join("\n", responses.Select(r => r.ToString()));
        Assert.That(responses.Where(r => r.Status != HttpStatusCode.OK).Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.Conflict), all);
        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.OK), again.ToString());
        Assert.That(again.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Contains("true"), Is.True, "the stored answer is replayed");
        Assert.That(Shop.Gateway.AuthorizeCallsFor(order.Id), Is.EqualTo(1));
        await Shop.AssertInvariantsAsync();
    }

    [Test]
    public async Task Twelve_orders_racing_for_five_units_place_five_and_never_oversell()
    {
        var sku = await TestCatalog.CreateSkuAsync(Shop.Api, new Dictionary<string, long> { ["EUR"] = 1000 }, stock: 5);
        var orders = new List<string>();
        for (var i = 0; i < 12; i++)
            orders.Add((await new CheckoutBuilder(Shop.Api).WithItem(sku.Code, 1).BuildAsync()).Id);

        var responses = await Task.WhenAll(orders.Select(id => Task.Run(() => Shop.Api.PlaceAsync(id))));

        var all = string.Join("\n", responses.Select(r => r.ToString()));
        Assert.That(responses.Count(r => r.Status == HttpStatusCode.OK), Is.EqualTo(5), all);
        Assert.That(responses.Where(r => r.Status != HttpStatusCode.OK).Select(r => r.Error.Text("code")), Is.All.EqualTo("OUT_OF_STOCK"), all);
        var stock = await Shop.Api.GetAsync($"stock_items?filter[q][sku_code_eq]={sku.Code}");
        await Shop.AssertInvariantsAsync();
        Assert.That((await Shop.Checker.StockAsync())[sku.Code], Is.Zero, stock.ToString());
    }
}
