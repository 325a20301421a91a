using System.Net;
using System.Text.Json.Nodes;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Compatibility;

/// <summary>Line items take <c>name</c>, <c>image_url</c> and <c>metadata</c> as Commerce Layer's clients send them.</summary>
public sealed class Line_item_shapes : ApiFixture
{
    private async Task<string> NewOrderAsync()
    {
        var order = await Api.PostAsync("orders", Document("orders", new { currency_code = "EUR" }));
        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.Created), order.ToString());
        return order.Id;
    }

    [Test]
    public async Task A_line_item_created_with_a_name_an_image_and_metadata_keeps_them()
    {
        var order = await NewOrderAsync();
        var metadata = JsonNode.Parse("""{"engraving":{"text":"Ciao","font":"serif"}}""")!;

        var line = await Api.PostAsync("line_items", Document("line_items",
            new Dictionary<string, object?> { ["sku_code"] = DemoSkus.Mug, ["quantity"] = 1, ["name"] = "Mug with engraving", ["image_url"] = "https://cdn.example/mug.png", ["metadata"] = metadata },
            new { order = ToOne("orders", order) }));

        Assert.That(line.Status, Is.EqualTo(HttpStatusCode.Created), line.ToString());
        var read = (await Api.GetAsync($"line_items/{line.Id}")).Attributes;
        Assert.That(read.Text("name"), Is.EqualTo("Mug with engraving"));
        Assert.That(read.Text("image_url"), Is.EqualTo("https://cdn.example/mug.png"));
        Assert.That(JsonNode.DeepEquals(read["metadata"], metadata), Is.True, read["metadata"]?.ToJsonString());
    }

    [Test]
    public async Task A_null_name_takes_the_sku_s_name_again_and_refresh_takes_it_from_the_sku()
    {
        var order = await NewOrderAsync();
        var line = await Api.PostAsync("line_items", Document("line_items", new { sku_code = DemoSkus.Mug, quantity = 1, name = "Custom" }, new { order = ToOne("orders", order) }));
        var skuName = (await Api.GetAsync($"skus?filter[q][code_eq]={DemoSkus.Mug}")).Data[0]!["attributes"]!.Text("name");

        var cleared = await Api.PatchAsync($"line_items/{line.Id}", Document("line_items", new Dictionary<string, object?> { ["name"] = null }, id: line.Id));
        await Api.PatchAsync($"line_items/{line.Id}", Document("line_items", new { name = "Custom again" }, id: line.Id));
        var refreshed = await Api.TriggerAsync(order, "_refresh");

        Assert.That(cleared.Status, Is.EqualTo(HttpStatusCode.OK), cleared.ToString());
        Assert.That(cleared.Attributes.Text("name"), Is.EqualTo(skuName));
        Assert.That(refreshed.Status, Is.EqualTo(HttpStatusCode.OK), refreshed.ToString());
        Assert.That((await Api.GetAsync($"line_items/{line.Id}")).Attributes.Text("name"), Is.EqualTo(skuName));
    }

    [Test]
    public async Task A_bad_image_url_or_too_much_metadata_is_422_at_its_pointer_and_adds_no_line()
    {
        var order = await NewOrderAsync();
        var tooMany = Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", i => (object?)"v");

        var badImage = await Api.PostAsync("line_items", Document("line_items", new { sku_code = DemoSkus.Mug, quantity = 1, image_url = "ftp://x/y.png" }, new { order = ToOne("orders", order) }));
        var badMetadata = await Api.PostAsync("line_items", Document("line_items", new Dictionary<string, object?> { ["sku_code"] = DemoSkus.Mug, ["quantity"] = 1, ["metadata"] = tooMany }, new { order = ToOne("orders", order) }));

        Assert.That(badImage.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), badImage.ToString());
        Assert.That(badImage.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/image_url" }));
        Assert.That(badMetadata.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), badMetadata.ToString());
        Assert.That(badMetadata.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/metadata" }));
        Assert.That(await Api.RelatedAsync(order, "line_items"), Is.Empty);
    }

    [Test]
    public async Task The_name_of_a_line_item_of_a_placed_order_cannot_change()
    {
        var order = await new CheckoutBuilder(Api).BuildAsync();
        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.OK));
        var line = (await Api.RelatedAsync(order.Id, "line_items"))[0]!["id"]!.GetValue<string>();

        var refused = await Api.PatchAsync($"line_items/{line}", Document("line_items", new { name = "Too late" }, id: line));

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), refused.ToString());
        Assert.That(refused.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/status" }));
    }
}
