using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Orders;

/// <summary>
/// No write is lost to a concurrent one. Two requests that each load the order and save it (here: the quantities of its two
/// line items, each of which recomputes the order's totals) either both land, or one of them is 409 and changes nothing;
/// the order's totals always agree with its line items. Several rounds, so that the two loads overlap in some of them.
/// </summary>
public sealed class Concurrent_changes_of_one_order : ApiFixture
{
    private const int Rounds = 12;

    [Test]
    public async Task Two_concurrent_quantity_changes_of_one_order_both_land_or_one_is_409_and_changes_nothing()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var order = await Api.PostAsync("orders", Document("orders", new { currency_code = "EUR" }));
            Assert.That(order.Status, Is.EqualTo(HttpStatusCode.Created), order.ToString());
            var mug = (await CheckoutBuilder.AddItemAsync(Api, order.Id, DemoSkus.Mug, 1)).Id;
            var shirt = (await CheckoutBuilder.AddItemAsync(Api, order.Id, DemoSkus.Tshirt, 1)).Id;

            var answers = await Task.WhenAll(
                Task.Run(() => Api.PatchAsync($"line_items/{mug}", Document("line_items", new { quantity = 3 }, id: mug))),
                Task.Run(() => Api.PatchAsync($"line_items/{shirt}", Document("line_items", new { quantity = 5 }, id: shirt))));

            var all = string.Join("\n", answers.Select(a => a.ToString()));
            Assert.That(answers.Select(a => a.Status), Is.Not.Empty.And.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.Conflict), all);
            var saved = await Api.GetAsync($"orders/{order.Id}?include=line_items");
            var lines = saved.Body!["included"]!.AsArray().ToDictionary(l => l!["id"]!.GetValue<string>(), l => l!["attributes"]!);
            Assert.Multiple(() =>
            {
                Assert.That(lines[mug]["quantity"]!.GetValue<int>(), Is.EqualTo(answers[0].Status == HttpStatusCode.OK ? 3 : 1), "the mug's change: " + all);
                Assert.That(lines[shirt]["quantity"]!.GetValue<int>(), Is.EqualTo(answers[1].Status == HttpStatusCode.OK ? 5 : 1), "the shirt's change: " + all);
                Assert.That(saved.Attributes["subtotal_amount_cents"]!.GetValue<long>(),
                    Is.EqualTo(lines.Values.Sum(l => l["total_amount_cents"]!.GetValue<long>())), "the order's subtotal is its line items' sum");
            });
        }
    }
}
