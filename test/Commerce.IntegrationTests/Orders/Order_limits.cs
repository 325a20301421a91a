using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Orders;

/// <summary>Sizes inside the 1 MiB body limit are bounded too: an order's metadata and its number of line items.</summary>
public sealed class Order_limits : ApiFixture
{
    private async Task<string> NewOrderAsync()
    {
        var order = await Api.PostAsync("orders", Document("orders", new { currency_code = "EUR" }));
        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.Created), order.ToString());
        return order.Id;
    }

    private static Dictionary<string, string> Metadata(int keys, int keyLength = 8, int valueLength = 10) =>
        Enumerable.Range(0, keys).ToDictionary(i => i.ToString("D" + keyLength, System.Globalization.CultureInfo.InvariantCulture), _ => new string('v', valueLength));

    [TestCase(51, 8, 10, TestName = "More than 50 keys are refused")]
    [TestCase(1, 41, 10, TestName = "A key longer than 40 characters is refused")]
    [TestCase(1, 8, 501, TestName = "A value longer than 500 characters is refused")]
    [TestCase(20, 8, 450, TestName = "Metadata longer than 8000 characters in all is refused")]
    public async Task Metadata_beyond_its_limits_is_422_at_the_metadata_and_changes_nothing(int keys, int keyLength, int valueLength)
    {
        var id = await NewOrderAsync();

        var created = await Api.PostAsync("orders", Document("orders", new { currency_code = "EUR", metadata = Metadata(keys, keyLength, valueLength) }));
        var updated = await Api.PatchAsync($"orders/{id}", Document("orders", new { metadata = Metadata(keys, keyLength, valueLength) }, id: id));

        foreach (var response in new[] { created, updated })
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), response.ToString());
            Assert.That(response.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/metadata" }));
        }
        Assert.That((await Api.OrderAsync(id))["metadata"]!.AsObject(), Is.Empty);
    }

    [Test]
    public async Task Metadata_at_its_limits_is_kept()
    {
        var metadata = Metadata(50, 40, 100);

        var created = await Api.PostAsync("orders", Document("orders", new { currency_code = "EUR", metadata }));

        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        Assert.That(created.Attributes["metadata"]!.AsObject(), Has.Count.EqualTo(50));
    }

    [Test]
    public async Task An_order_takes_at_most_100_line_items()
    {
        var id = await NewOrderAsync();
        for (var i = 0; i < 100; i++)
            await CheckoutBuilder.AddItemAsync(Api, id, DemoSkus.Mug, 1);

        var hundredAndFirst = await Api.PostAsync("line_items",
            Document("line_items", new { sku_code = DemoSkus.Mug, quantity = 1 }, new { order = ToOne("orders", id) }));
        var more = await CheckoutBuilder.AddItemAsync(Api, id, DemoSkus.Mug, 1, updateQuantity: true);

        Assert.That(hundredAndFirst.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), hundredAndFirst.ToString());
        Assert.That(hundredAndFirst.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/order" }));
        Assert.That(hundredAndFirst.Error["detail"]!.GetValue<string>(), Does.Contain("100"));
        Assert.That(more.Attributes["quantity"]!.GetValue<int>(), Is.EqualTo(2), "a full order still takes more of a SKU it has");
        Assert.That((await Api.GetAsync($"orders/{id}/line_items")).Body!["meta"]!["record_count"]!.GetValue<int>(), Is.EqualTo(100));
    }

    [Test]
    public async Task Two_concurrent_line_items_at_the_cap_do_not_exceed_it()
    {
        var id = await NewOrderAsync();
        for (var i = 0; i < 99; i++)
            await CheckoutBuilder.AddItemAsync(Api, id, DemoSkus.Mug, 1);

        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Api.PostAsync("line_items",
            Document("line_items", new { sku_code = DemoSkus.Tshirt, quantity = 1 }, new { order = ToOne("orders", id) }))));

        Assert.That(both.Count(r => r.Status == HttpStatusCode.Created), Is.EqualTo(1), string.Join("\n", both.Select(r => r.ToString())));
        Assert.That(both.Select(r => (int)r.Status), Has.Some.EqualTo(409).Or.Some.EqualTo(422));
        Assert.That((await Api.GetAsync($"orders/{id}/line_items")).Body!["meta"]!["record_count"]!.GetValue<int>(), Is.EqualTo(100));
    }
}
