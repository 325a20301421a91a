using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Orders;

/// <summary>An order's line items come back in one stable order, creation time then id, wherever they are returned.</summary>
public sealed class Line_item_order : ApiFixture
{
    [Test]
    public async Task Line_items_come_back_in_the_order_they_were_added_everywhere()
    {
        var order = await new CheckoutBuilder(Api).WithoutItems().WithoutPaymentSource().BuildAsync();
        var added = new List<string>();
        foreach (var code in new[] { DemoSkus.Tshirt, DemoSkus.Hoodie, DemoSkus.Mug, DemoSkus.Cap, DemoSkus.GiftCard, DemoSkus.Mug, DemoSkus.Tshirt })
            added.Add((await CheckoutBuilder.AddItemAsync(Api, order.Id, code, 1)).Id);
        var first = added[0];
        Assert.That((await Api.PatchAsync($"line_items/{first}", Document("line_items", new { quantity = 3 }, id: first))).Status, Is.EqualTo(HttpStatusCode.OK));

        var get = await Api.GetAsync($"orders/{order.Id}?include=line_items");
        var patch = await Api.PatchAsync($"orders/{order.Id}?include=line_items", Document("orders", new { reference = "stable" }, id: order.Id));
        var related = await Api.GetAsync($"orders/{order.Id}/line_items");
        var linkage = await Api.GetAsync($"orders/{order.Id}/relationships/line_items");
        var throughItems = await Api.GetAsync($"line_items/{first}?include=order.line_items");

        Assert.Multiple(() =>
        {
            Assert.That(Ids(get.Data["relationships"]!["line_items"]!["data"]!), Is.EqualTo(added), "GET include");
            Assert.That(Ids(get.Body!["included"]!), Is.EqualTo(added), "GET included");
            Assert.That(Ids(patch.Data["relationships"]!["line_items"]!["data"]!), Is.EqualTo(added), "PATCH answer");
            Assert.That(Ids(related.Data), Is.EqualTo(added), "related endpoint");
            Assert.That(Ids(linkage.Data), Is.EqualTo(added), "relationship endpoint");
            var orderIncluded = throughItems.Body!["included"]!.AsArray().Single(r => r!["type"]!.GetValue<string>() == "orders")!;
            Assert.That(Ids(orderIncluded["relationships"]!["line_items"]!["data"]!), Is.EqualTo(added), "include through a line item");
        });
    }

    private static List<string> Ids(System.Text.Json.Nodes.JsonNode list) =>
        [.. list.AsArray().Where(r => r!["type"]!.GetValue<string>() == "line_items").Select(r => r!["id"]!.GetValue<string>())];
}
