using System.Net;
using System.Text.Json.Nodes;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Orders;

/// <summary>Every amount as _cents, _float and formatted_, in the order's currency and language (ISO 4217 minor units).</summary>
public sealed class Money_formats : ApiFixture
{
    private TestCatalog.NewSku _sku = null!;

    [OneTimeSetUp]
    public async Task CreateSku() =>
        _sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 84300, ["USD"] = 123450, ["JPY"] = 1235 }, stock: 10000);

    private async Task<(JsonNode Order, JsonNode Line, string Id)> OrderOf(string currency, string language, int quantity)
    {
        var order = await Api.PostAsync("orders", Document("orders", new { currency_code = currency, language_code = language }));
        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.Created), order.ToString());
        var line = await Api.PostAsync("line_items", Document("line_items", new { sku_code = _sku.Code, quantity }, new { order = ToOne("orders", order.Id) }));
        Assert.That(line.Status, Is.EqualTo(HttpStatusCode.Created), line.ToString());
        return (await Api.OrderAsync(order.Id), (await Api.GetAsync($"line_items/{line.Id}")).Attributes, order.Id);
    }

    [Test]
    public async Task Euro_amounts_in_italian_use_a_decimal_comma()
    {
        var (order, line, _) = await OrderOf("EUR", "it", 1);

        Assert.That(order.Text("formatted_subtotal_amount"), Is.EqualTo("€843,00"));
        Assert.That(order["subtotal_amount_cents"]!.GetValue<long>(), Is.EqualTo(84300));
        Assert.That(order["subtotal_amount_float"]!.GetValue<double>(), Is.EqualTo(843.0));
        Assert.That(order.Text("formatted_total_amount"), Is.EqualTo("€843,00"));
        Assert.That(order.Text("formatted_shipping_amount"), Is.EqualTo("€0,00"));
        Assert.That(line.Text("formatted_unit_amount"), Is.EqualTo("€843,00"));
    }

    [Test]
    public async Task Euro_amounts_in_italian_group_thousands_with_a_dot()
    {
        var (order, line, _) = await OrderOf("EUR", "it", 2);

        Assert.That(order.Text("formatted_subtotal_amount"), Is.EqualTo("€1.686,00"));
        Assert.That(line.Text("formatted_total_amount"), Is.EqualTo("€1.686,00"));
    }

    [Test]
    public async Task Dollar_amounts_in_english_use_a_decimal_point_and_comma_groups()
    {
        var (order, line, _) = await OrderOf("USD", "en", 1);

        Assert.That(order.Text("formatted_subtotal_amount"), Is.EqualTo("$1,234.50"));
        Assert.That(order["subtotal_amount_float"]!.GetValue<double>(), Is.EqualTo(1234.5));
        Assert.That(order["subtotal_amount_cents"]!.GetValue<long>(), Is.EqualTo(123450));
        Assert.That(line.Text("formatted_unit_amount"), Is.EqualTo("$1,234.50"));
    }

    [Test]
    public async Task Yen_amounts_have_no_decimals()
    {
        var (order, line, _) = await OrderOf("JPY", "ja", 1);

        Assert.That(order.Text("currency_code"), Is.EqualTo("JPY"));
        Assert.That(order.Text("formatted_subtotal_amount"), Is.EqualTo("¥1,235"));
        Assert.That(order["subtotal_amount_cents"]!.GetValue<long>(), Is.EqualTo(1235), "JPY has no minor unit: cents are yen");
        Assert.That(order["subtotal_amount_float"]!.GetValue<double>(), Is.EqualTo(1235.0));
        Assert.That(line.Text("formatted_unit_amount"), Is.EqualTo("¥1,235"));
    }

    [Test]
    public async Task Large_yen_amounts_are_grouped()
    {
        var (order, _, _) = await OrderOf("JPY", "ja", 1000);

        Assert.That(order.Text("formatted_subtotal_amount"), Is.EqualTo("¥1,235,000"));
    }

    [Test]
    public async Task Changing_the_language_reformats_the_amounts()
    {
        var (order, _, id) = await OrderOf("EUR", "it", 2);

        var changed = await Api.PatchAsync($"orders/{id}", Document("orders", new { language_code = "en" }, id: id));

        Assert.That(order.Text("formatted_subtotal_amount"), Is.EqualTo("€1.686,00"));
        Assert.That(changed.Status, Is.EqualTo(HttpStatusCode.OK), changed.ToString());
        Assert.That(changed.Attributes.Text("formatted_subtotal_amount"), Is.EqualTo("€1,686.00"));
    }
    [Test]
    public async Task A_transaction_formats_its_amount_in_the_orders_currency_and_language()
    {
        var order = await new CheckoutBuilder(Api).BuildAsync();
        var placed = await Api.PlaceAsync(order.Id, null);
        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        var total = placed.Attributes.Text("formatted_total_amount");
        Assert.That(total, Does.Contain(","), "the EUR/it order's own total uses a decimal comma");

        var related = await Api.RelatedAsync(order.Id, "authorizations");
        var included = await Api.GetAsync($"orders/{order.Id}?include=authorizations");
        var direct = await Api.GetAsync($"authorizations/{related[0]!["id"]!.GetValue<string>()}");
        var listed = await Api.GetAsync($"authorizations?filter[q][status_eq]=succeeded&page[size]=25");

        Assert.That(related[0]!["attributes"]!.Text("formatted_amount"), Is.EqualTo(total));
        Assert.That(included.Body!["included"]![0]!["attributes"]!.Text("formatted_amount"), Is.EqualTo(total));
        Assert.That(direct.Attributes.Text("formatted_amount"), Is.EqualTo(total));
        Assert.That(listed.Data.AsArray().Single(a => a!["id"]!.GetValue<string>() == direct.Id)!["attributes"]!.Text("formatted_amount"), Is.EqualTo(total));
    }
}
