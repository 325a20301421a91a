using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Markets;

/// <summary>The catalog shapes Commerce Layer's storefront clients ask for first (issue #16).</summary>
public sealed class Catalog_shapes : ApiFixture
{
    [Test]
    public async Task A_sparse_fieldset_may_name_id()
    {
        var skus = await Api.GetAsync($"skus?filter[q][code_eq]={DemoSkus.Mug}&fields[skus]=id,code,name");

        Assert.That(skus.Status, Is.EqualTo(HttpStatusCode.OK), skus.ToString());
        var sku = skus.Data[0]!;
        Assert.That(sku["id"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(sku["attributes"]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "code", "name" }));
    }

    [Test]
    public async Task Prices_filter_by_sku_code_and_show_every_amount_in_three_forms()
    {
        var eur = (await Api.GetAsync($"prices?filter[q][sku_code_eq]={DemoSkus.Cap}&filter[q][currency_code_eq]=EUR")).Data[0]!["id"]!.GetValue<string>();
        var changed = await Api.PatchAsync($"prices/{eur}", Document("prices", new { compare_at_amount_cents = 2900 }, id: eur));
        Assert.That(changed.Status, Is.EqualTo(HttpStatusCode.OK), changed.ToString());

        var bySku = await Api.GetAsync($"prices?filter[q][sku_code_eq]={DemoSkus.Cap}&sort=currency_code");
        var byList = await Api.GetAsync($"prices?filter[q][sku_code_in]={DemoSkus.Cap},{DemoSkus.Mug}&filter[q][currency_code_eq]=USD");

        var prices = bySku.Data.AsArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(prices.Select(p => p!["attributes"]!.Text("currency_code")), Is.EqualTo(new[] { "EUR", "USD" }));
            Assert.That(prices[0]!["relationships"]!["sku"]!["links"], Is.Not.Null);
            Assert.That(prices[0]!["attributes"]!["amount_cents"]!.GetValue<long>(), Is.EqualTo(2200));
            Assert.That(prices[0]!["attributes"]!["amount_float"]!.GetValue<double>(), Is.EqualTo(22.0));
            Assert.That(prices[0]!["attributes"]!.Text("formatted_amount"), Is.EqualTo("€22.00"));
            Assert.That(prices[0]!["attributes"]!["compare_at_amount_float"]!.GetValue<double>(), Is.EqualTo(29.0));
            Assert.That(prices[0]!["attributes"]!.Text("formatted_compare_at_amount"), Is.EqualTo("€29.00"));
            Assert.That(prices[1]!["attributes"]!["compare_at_amount_cents"], Is.Null);
            Assert.That(prices[1]!["attributes"]!.Text("formatted_amount"), Is.EqualTo("$24.00"));
            Assert.That(byList.Data.AsArray().Select(p => p!["attributes"]!.Text("sku_code")), Is.EquivalentTo(new[] { DemoSkus.Cap, DemoSkus.Mug }));
        }
    }

    [Test]
    public async Task A_price_follows_its_sku_s_new_code()
    {
        var created = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 100 });
        var code = Unique("RENAMED");

        var renamed = await Api.PatchAsync($"skus/{created.Id}", Document("skus", new { code }, id: created.Id));
        var price = await Api.GetAsync($"prices/{created.PriceIds["EUR"]}");

        Assert.That(renamed.Status, Is.EqualTo(HttpStatusCode.OK), renamed.ToString());
        Assert.That(price.Attributes.Text("sku_code"), Is.EqualTo(code));
    }

    [Test]
    public async Task Shipping_and_payment_methods_show_their_price_in_three_forms()
    {
        var shipping = await Api.GetAsync("shipping_methods?filter[q][name_eq]=Standard US");
        var payment = await Api.GetAsync("payment_methods?filter[q][currency_code_eq]=EUR&filter[q][payment_source_type_eq]=wire_transfers");

        var standard = shipping.Data[0]!["attributes"]!;
        var wire = payment.Data[0]!["attributes"]!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(standard["price_amount_float"]!.GetValue<double>(), Is.EqualTo(9.0));
            Assert.That(standard.Text("formatted_price_amount"), Is.EqualTo("$9.00"));
            Assert.That(standard.Text("formatted_free_over_amount"), Is.EqualTo("$100.00"));
            Assert.That(wire.Text("formatted_price_amount"), Is.EqualTo("€0.00"));
        }
    }

    [Test]
    public async Task A_sku_shows_its_inventory()
    {
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 100 }, stock: 7);
        var empty = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 100 }, stock: 0);

        var read = await Api.GetAsync($"skus/{sku.Id}");
        var none = await Api.GetAsync($"skus?filter[q][code_eq]={empty.Code}");

        var inventory = read.Attributes["inventory"]!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(inventory["available"]!.GetValue<bool>(), Is.True);
            Assert.That(inventory["quantity"]!.GetValue<int>(), Is.EqualTo(7));
            Assert.That(inventory["levels"]![0]!["quantity"]!.GetValue<int>(), Is.EqualTo(7));
            Assert.That(none.Data[0]!["attributes"]!["inventory"]!["available"]!.GetValue<bool>(), Is.False);
        }
    }

    [Test]
    public async Task A_sku_whose_stock_is_not_tracked_is_placed_beyond_its_stock_and_its_stock_is_untouched()
    {
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 100 }, stock: 1);
        var untracked = await Api.PatchAsync($"skus/{sku.Id}", Document("skus", new { do_not_track = true }, id: sku.Id));
        Assert.That(untracked.Status, Is.EqualTo(HttpStatusCode.OK), untracked.ToString());

        var order = await new CheckoutBuilder(Api).WithItem(sku.Code, 5).BuildAsync();
        var placed = await Api.PlaceAsync(order.Id);
        var after = await Api.GetAsync($"skus/{sku.Id}?include=stock_item");

        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(untracked.Attributes["inventory"]!["available"]!.GetValue<bool>(), Is.True);
            Assert.That(untracked.Attributes["inventory"]!["quantity"], Is.Null);
            Assert.That(after.Body!["included"]![0]!["attributes"]!["quantity"]!.GetValue<int>(), Is.EqualTo(1));
        }
    }
}
