using System.Net;
using System.Text.Json.Nodes;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Markets;

/// <summary>Markets and price lists: which market an order is sold in, what it inherits, what each market offers.</summary>
public sealed class Markets_and_price_lists : ApiFixture
{
    private async Task<JsonNode> MarketAsync(string code)
    {
        var response = await Api.GetAsync($"markets?filter[q][code_eq]={code}&include=price_list");
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Data.AsArray(), Has.Count.EqualTo(1), $"one market {code}");
        return response.Body!;
    }

    private async Task<string> MarketIdAsync(string code) => (await MarketAsync(code))["data"]![0]!["id"]!.GetValue<string>();

    /// <summary>A new market selling at a new list in <paramref name="currency"/>; the demo mug gets a price in it.</summary>
    private async Task<(string MarketId, string ListId)> NewMarketAsync(string currency, bool taxIncluded = true, string? disabledAt = null)
    {
        var list = await Api.PostAsync("price_lists", Document("price_lists", new { name = Unique("LIST"), currency_code = currency, tax_included = taxIncluded }));
        Assert.That(list.Status, Is.EqualTo(HttpStatusCode.Created), list.ToString());
        var market = await Api.PostAsync("markets", Document("markets", new { name = Unique("MARKET"), code = Unique("m"), disabled_at = disabledAt },
            new { price_list = ToOne("price_lists", list.Id) }));
        Assert.That(market.Status, Is.EqualTo(HttpStatusCode.Created), market.ToString());
        var mug = (await Api.GetAsync($"skus?filter[q][code_eq]={DemoSkus.Mug}")).Data[0]!["id"]!.GetValue<string>();
        var price = await Api.PostAsync("prices", Document("prices", new { amount_cents = 1000 },
            new { sku = ToOne("skus", mug), price_list = ToOne("price_lists", list.Id) }));
        Assert.That(price.Status, Is.EqualTo(HttpStatusCode.Created), price.ToString());
        return (market.Id, list.Id);
    }

    [Test]
    public async Task The_demo_data_has_a_eur_market_for_italy_and_europe_and_a_usd_market_for_the_united_states()
    {
        var europe = await MarketAsync("europe");
        var usa = await MarketAsync("usa");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(europe["data"]![0]!["attributes"]!.Text("name"), Is.EqualTo("Italy and Europe"));
            Assert.That(europe["included"]![0]!["attributes"]!.Text("currency_code"), Is.EqualTo("EUR"));
            Assert.That(usa["data"]![0]!["attributes"]!.Text("name"), Is.EqualTo("United States"));
            Assert.That(usa["included"]![0]!["attributes"]!.Text("currency_code"), Is.EqualTo("USD"));
        }
    }

    [Test]
    public async Task An_order_in_the_usd_market_ships_to_los_angeles_and_is_placed_with_a_wire_transfer()
    {
        var usa = await MarketIdAsync("usa");
        var order = await Api.PostAsync("orders", Document("orders", new { customer_email = "la@example.com" }, new { market = ToOne("markets", usa) }));
        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.Created), order.ToString());
        await CheckoutBuilder.AddItemAsync(Api, order.Id, DemoSkus.Mug, 2);
        var address = await Api.PostAsync("addresses", Document("addresses", new
        {
            first_name = "Ada", last_name = "Lovelace", line_1 = "200 N Spring St", city = "Los Angeles", zip_code = "90012",
            state_code = "CA", country_code = "US", phone = "+1 213 555 0100",
        }));
        Assert.That(address.Status, Is.EqualTo(HttpStatusCode.Created), address.ToString());
        var addressed = await Api.PatchAsync($"orders/{order.Id}?include=available_shipping_methods,available_payment_methods",
            Document("orders", new { _shipping_address_same_as_billing = true }, new { billing_address = ToOne("addresses", address.Id) }, order.Id));
        Assert.That(addressed.Status, Is.EqualTo(HttpStatusCode.OK), addressed.ToString());
        var offered = addressed.Body!["included"]!.AsArray();
        var shipping = offered.First(r => r!["type"]!.GetValue<string>() == "shipping_methods")!;
        var wire = offered.First(r => r!["type"]!.GetValue<string>() == "payment_methods" && r["attributes"]!.Text("payment_source_type") == "wire_transfers")!;
        var linked = await Api.PatchAsync($"orders/{order.Id}", Document("orders", relationships: new
        {
            shipping_method = ToOne("shipping_methods", shipping["id"]!.GetValue<string>()),
            payment_method = ToOne("payment_methods", wire["id"]!.GetValue<string>()),
        }, id: order.Id));
        Assert.That(linked.Status, Is.EqualTo(HttpStatusCode.OK), linked.ToString());
        var source = await Api.PostAsync("wire_transfers", Document("wire_transfers", new { }, new { order = ToOne("orders", order.Id) }));
        Assert.That(source.Status, Is.EqualTo(HttpStatusCode.Created), source.ToString());

        var placed = await Api.PlaceAsync(order.Id);

        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.Attributes.Text("currency_code"), Is.EqualTo("USD"));
            Assert.That(shipping["attributes"]!.Text("name"), Is.EqualTo("Standard US"));
            Assert.That(placed.Attributes.Text("status"), Is.EqualTo("placed"));
            Assert.That(placed.Attributes.Text("formatted_subtotal_amount"), Is.EqualTo("$32.00"));
        }
    }

    [Test]
    public async Task An_order_created_without_currency_or_market_is_in_the_default_market()
    {
        var europe = await MarketIdAsync("europe");

        var order = await Api.PostAsync("orders?include=market", Document("orders", new { language_code = "it" }));

        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.Created), order.ToString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.Attributes.Text("currency_code"), Is.EqualTo("EUR"));
            Assert.That(order.Attributes["tax_included"]!.GetValue<bool>(), Is.True);
            Assert.That(order.Data["relationships"]!["market"]!["data"]!["id"]!.GetValue<string>(), Is.EqualTo(europe));
        }
    }

    [Test]
    public async Task A_currency_code_alone_picks_the_market_that_sells_in_it()
    {
        var usa = await MarketIdAsync("usa");

        var order = await Api.PostAsync("orders?include=market", Document("orders", new { currency_code = "USD" }));

        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.Created), order.ToString());
        Assert.That(order.Data["relationships"]!["market"]!["data"]!["id"]!.GetValue<string>(), Is.EqualTo(usa));
    }

    [Test]
    public async Task A_currency_code_that_contradicts_the_market_is_refused_at_currency_code()
    {
        var usa = await MarketIdAsync("usa");

        var order = await Api.PostAsync("orders", Document("orders", new { currency_code = "EUR" }, new { market = ToOne("markets", usa) }));

        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), order.ToString());
        Assert.That(order.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/currency_code" }));
    }

    [Test]
    public async Task A_currency_code_no_market_sells_in_is_refused_at_currency_code()
    {
        var order = await Api.PostAsync("orders", Document("orders", new { currency_code = "CHF" }));

        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), order.ToString());
        Assert.That(order.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/currency_code" }));
    }

    [Test]
    public async Task A_disabled_market_takes_no_new_order()
    {
        var (market, _) = await NewMarketAsync("EUR", disabledAt: "2026-01-01T00:00:00.000Z");

        var order = await Api.PostAsync("orders", Document("orders", new { }, new { market = ToOne("markets", market) }));

        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), order.ToString());
        Assert.That(order.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/market" }));
    }

    [Test]
    public async Task An_order_inherits_tax_included_from_its_price_list_and_neither_it_nor_the_currency_can_be_changed()
    {
        var (market, _) = await NewMarketAsync("EUR", taxIncluded: false);
        var order = await Api.PostAsync("orders", Document("orders", new { }, new { market = ToOne("markets", market) }));
        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.Created), order.ToString());

        var taxChange = await Api.PatchAsync($"orders/{order.Id}", Document("orders", new { tax_included = true }, id: order.Id));
        var currencyChange = await Api.PatchAsync($"orders/{order.Id}", Document("orders", new { currency_code = "USD" }, id: order.Id));

        var after = await Api.OrderAsync(order.Id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.Attributes["tax_included"]!.GetValue<bool>(), Is.False);
            Assert.That((int)taxChange.Status, Is.InRange(400, 499), taxChange.ToString());
            Assert.That((int)currencyChange.Status, Is.InRange(400, 499), currencyChange.ToString());
            Assert.That(after["tax_included"]!.GetValue<bool>(), Is.False);
            Assert.That(after.Text("currency_code"), Is.EqualTo("EUR"));
        }
    }

    [Test]
    public async Task A_line_item_takes_the_price_of_the_order_s_market()
    {
        var (market, _) = await NewMarketAsync("EUR");
        var order = await Api.PostAsync("orders", Document("orders", new { }, new { market = ToOne("markets", market) }));

        var line = await CheckoutBuilder.AddItemAsync(Api, order.Id, DemoSkus.Mug, 1);
        var notPriced = await Api.PostAsync("line_items", Document("line_items", new { sku_code = DemoSkus.Hoodie, quantity = 1 },
            new { order = ToOne("orders", order.Id) }));

        Assert.That(line.Attributes["unit_amount_cents"]!.GetValue<long>(), Is.EqualTo(1000), "the new list's price, not the demo EUR list's 1450");
        Assert.That(notPriced.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), notPriced.ToString());
        Assert.That(notPriced.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/sku_code" }));
    }

    [Test]
    public async Task Shipping_and_payment_methods_of_another_market_are_neither_offered_nor_placeable()
    {
        var (market, _) = await NewMarketAsync("EUR");
        var courier = await Api.PostAsync("shipping_methods", Document("shipping_methods", new { name = Unique("Courier"), currency_code = "EUR", price_amount_cents = 100 },
            new { market = ToOne("markets", market) }));
        var wire = await Api.PostAsync("payment_methods", Document("payment_methods", new { name = Unique("Wire"), payment_source_type = "wire_transfers", currency_code = "EUR" },
            new { market = ToOne("markets", market) }));
        Assert.That(courier.Status, Is.EqualTo(HttpStatusCode.Created), courier.ToString());
        Assert.That(wire.Status, Is.EqualTo(HttpStatusCode.Created), wire.ToString());
        var order = await new CheckoutBuilder(Api).BuildAsync();

        var offer = await Api.GetAsync($"orders/{order.Id}?include=available_shipping_methods,available_payment_methods");
        var linked = await Api.PatchAsync($"orders/{order.Id}", Document("orders", relationships: new { shipping_method = ToOne("shipping_methods", courier.Id) }, id: order.Id));
        var placed = await Api.PlaceAsync(order.Id);

        var offeredIds = offer.Body!["included"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(offeredIds, Is.Not.Empty);
            Assert.That(offeredIds, Does.Not.Contain(courier.Id).And.Not.Contain(wire.Id));
            Assert.That(linked.Status, Is.EqualTo(HttpStatusCode.OK), linked.ToString());
            Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), placed.ToString());
            Assert.That(placed.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/shipping_method" }));
        }
    }

    [Test]
    public async Task A_method_restricted_to_a_market_in_another_currency_is_refused()
    {
        var usa = await MarketIdAsync("usa");

        var courier = await Api.PostAsync("shipping_methods", Document("shipping_methods", new { name = Unique("Courier"), currency_code = "EUR", price_amount_cents = 100 },
            new { market = ToOne("markets", usa) }));

        Assert.That(courier.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), courier.ToString());
        Assert.That(courier.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/market" }));
    }

    [Test]
    public async Task Markets_get_the_next_free_number_and_codes_are_unique()
    {
        var list = (await MarketAsync("europe"))["included"]![0]!["id"]!.GetValue<string>();
        var first = await Api.PostAsync("markets", Document("markets", new { name = "One", code = Unique("one") }, new { price_list = ToOne("price_lists", list) }));
        var second = await Api.PostAsync("markets", Document("markets", new { name = "Two" }, new { price_list = ToOne("price_lists", list) }));
        var taken = await Api.PostAsync("markets", Document("markets", new { name = "Europe again", code = "europe" }, new { price_list = ToOne("price_lists", list) }));
        var noList = await Api.PostAsync("markets", Document("markets", new { name = "Nowhere" }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.Attributes["number"]!.GetValue<int>(), Is.EqualTo(first.Attributes["number"]!.GetValue<int>() + 1));
            Assert.That(taken.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), taken.ToString());
            Assert.That(taken.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/code" }));
            Assert.That(noList.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), noList.ToString());
            Assert.That(noList.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/price_list" }));
        }
    }

    [Test]
    public async Task A_sales_channel_reads_markets_and_price_lists_but_may_not_write_them()
    {
        var salesChannel = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());

        var markets = await salesChannel.GetAsync("markets");
        var lists = await salesChannel.GetAsync("price_lists");
        var create = await salesChannel.PostAsync("price_lists", Document("price_lists", new { name = "Mine", currency_code = "EUR" }));

        Assert.That(markets.Status, Is.EqualTo(HttpStatusCode.OK), markets.ToString());
        Assert.That(lists.Status, Is.EqualTo(HttpStatusCode.OK), lists.ToString());
        Assert.That(create.Status, Is.EqualTo(HttpStatusCode.Forbidden), create.ToString());
    }
}
