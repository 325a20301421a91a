using System.Net;
using System.Text.Json.Nodes;
using static Commerce.TestBuildingBlocks.JsonApiClient;

namespace Commerce.TestBuildingBlocks;

/// <summary>What a checkout built: the order's id and the ids of what was linked to it.</summary>
public sealed record CheckoutOrder(string Id, string? PaymentSourceId, string? PaymentSourceType, string? BillingAddressId, string? ShippingAddressId);

/// <summary>
/// Builds an order over HTTP from the demo catalog: currency and language, line items, customer_email,
/// billing and shipping addresses, a shipping method, a payment method and a payment source. By default the
/// result is placeable (EUR/it, one mug, Italian addresses, Standard shipping, the test gateway with
/// <c>tok_visa</c>); each <c>With…</c>/<c>Without…</c> changes one thing. Every step asserts its own success.
/// </summary>
public sealed class CheckoutBuilder(JsonApiClient api)
{
    private string _currency = "EUR";
    private string _language = "it";
    private readonly List<(string Code, int Quantity)> _items = [];
    private bool _defaultItem = true;
    private string? _email = "buyer@example.com";
    private string? _billingCountry = "IT";
    private string? _shippingCountry = "IT";
    private string? _shippingMethod = "Standard";
    private string? _paymentSourceType = "external_payments";
    private string? _paymentMethodSourceType = "external_payments";
    private string? _token = "tok_visa";
    private string? _marketId;

    public CheckoutBuilder In(string currency, string language)
    {
        (_currency, _language) = (currency, language);
        if (currency == "USD")
        {
            _shippingMethod = "Standard US";
            _billingCountry = _shippingCountry = "US";
        }
        return this;
    }

    /// <summary>The order is created in the market <paramref name="marketId"/> (its relationship, no currency_code), which sells in <paramref name="currency"/>.</summary>
    public CheckoutBuilder InMarket(string marketId, string currency = "EUR")
    {
        _marketId = marketId;
        _currency = currency;
        return this;
    }

    public CheckoutBuilder WithItem(string skuCode, int quantity = 1)
    {
        _defaultItem = false;
        _items.Add((skuCode, quantity));
        return this;
    }

    public CheckoutBuilder WithoutItems()
    {
        _defaultItem = false;
        _items.Clear();
        return this;
    }

    public CheckoutBuilder WithEmail(string? email) { _email = email; return this; }
    public CheckoutBuilder WithBillingCountry(string? country) { _billingCountry = country; return this; }
    public CheckoutBuilder WithShippingCountry(string? country) { _shippingCountry = country; return this; }
    public CheckoutBuilder WithoutShippingAddress() => WithShippingCountry(null);
    public CheckoutBuilder WithoutBillingAddress() => WithBillingCountry(null);
    public CheckoutBuilder WithShippingMethod(string? name) { _shippingMethod = name; return this; }
    public CheckoutBuilder WithoutShippingMethod() => WithShippingMethod(null);

    /// <summary>The test gateway's card method with an external payment of <paramref name="token"/>.</summary>
    public CheckoutBuilder PaidByCard(string token = "tok_visa")
    {
        _paymentMethodSourceType = _paymentSourceType = "external_payments";
        _token = token;
        return this;
    }

    public CheckoutBuilder PaidByWireTransfer()
    {
        _paymentMethodSourceType = _paymentSourceType = "wire_transfers";
        return this;
    }

    public CheckoutBuilder WithoutPaymentMethod() { _paymentMethodSourceType = null; return this; }
    public CheckoutBuilder WithoutPaymentSource() { _paymentSourceType = null; return this; }

    /// <summary>A payment source of another type than the payment method takes.</summary>
    public CheckoutBuilder WithMismatchedPaymentSource()
    {
        _paymentSourceType = _paymentMethodSourceType == "wire_transfers" ? "external_payments" : "wire_transfers";
        return this;
    }

    public async Task<CheckoutOrder> BuildAsync()
    {
        var attributes = new Dictionary<string, object?> { ["language_code"] = _language };
        if (_marketId is null) attributes["currency_code"] = _currency;
        if (_email is not null) attributes["customer_email"] = _email;
        var order = await Expect(HttpStatusCode.Created, api.PostAsync("orders",
            Document("orders", attributes, _marketId is null ? null : new { market = ToOne("markets", _marketId) })));
        var id = order.Id;

        foreach (var (code, quantity) in _defaultItem ? new List<(string, int)> { (DemoSkus.Mug, 1) } : _items)
            await AddItemAsync(api, id, code, quantity);

        var relationships = new Dictionary<string, object>();
        string? billingId = null, shippingId = null;
        if (_billingCountry is not null)
        {
            billingId = await CreateAddressAsync(api, _billingCountry);
            relationships["billing_address"] = ToOne("addresses", billingId);
        }
        if (_shippingCountry is not null)
        {
            shippingId = await CreateAddressAsync(api, _shippingCountry);
            relationships["shipping_address"] = ToOne("addresses", shippingId);
        }
        if (_shippingMethod is not null)
            relationships["shipping_method"] = ToOne("shipping_methods", await ShippingMethodIdAsync(api, _shippingMethod, _currency));
        if (_paymentMethodSourceType is not null)
            relationships["payment_method"] = ToOne("payment_methods", await PaymentMethodIdAsync(api, _paymentMethodSourceType, _currency));
        if (relationships.Count > 0)
            await Expect(HttpStatusCode.OK, api.PatchAsync($"orders/{id}", Document("orders", relationships: relationships, id: id)));

        string? sourceId = null;
        if (_paymentSourceType is not null)
        {
            var sourceAttributes = _paymentSourceType == "external_payments" ? new { payment_source_token = _token } : (object)new { };
            var source = await Expect(HttpStatusCode.Created,
                api.PostAsync(_paymentSourceType, Document(_paymentSourceType, sourceAttributes, new { order = ToOne("orders", id) })));
            sourceId = source.Id;
        }
        return new CheckoutOrder(id, sourceId, _paymentSourceType, billingId, shippingId);
    }

    public static async Task<ApiResponse> AddItemAsync(JsonApiClient api, string orderId, string skuCode, int quantity, bool updateQuantity = false)
    {
        var attributes = new Dictionary<string, object> { ["sku_code"] = skuCode, ["quantity"] = quantity };
        if (updateQuantity) attributes["_update_quantity"] = true;
        return await Expect(HttpStatusCode.Created,
            api.PostAsync("line_items", Document("line_items", attributes, new { order = ToOne("orders", orderId) })));
    }

    public static object AddressAttributes(string country) => new
    {
        first_name = "Ada",
        last_name = "Lovelace",
        line_1 = "Via Roma 1",
        city = country == "US" ? "New York" : "Milano",
        zip_code = country == "US" ? "10001" : "20100",
        state_code = country == "US" ? "NY" : "MI",
        country_code = country,
        phone = "+39 02 1234567",
    };

    public static async Task<string> CreateAddressAsync(JsonApiClient api, string country) =>
        (await Expect(HttpStatusCode.Created, api.PostAsync("addresses", Document("addresses", AddressAttributes(country))))).Id;

    public static async Task<string> ShippingMethodIdAsync(JsonApiClient api, string name, string currency) =>
        Find(await Expect(HttpStatusCode.OK, api.GetAsync("shipping_methods?page[size]=25")),
            m => m["name"]!.GetValue<string>() == name && m["currency_code"]!.GetValue<string>() == currency);

    public static async Task<string> PaymentMethodIdAsync(JsonApiClient api, string sourceType, string currency) =>
        Find(await Expect(HttpStatusCode.OK, api.GetAsync("payment_methods?page[size]=25")),
            m => m["payment_source_type"]!.GetValue<string>() == sourceType && m["currency_code"]!.GetValue<string>() == currency
                 && m["disabled_at"] is null);

    private static string Find(ApiResponse list, Func<JsonNode, bool> match) =>
        list.Data.AsArray().First(r => match(r!["attributes"]!))!["id"]!.GetValue<string>();

    private static async Task<ApiResponse> Expect(HttpStatusCode status, Task<ApiResponse> request)
    {
        var response = await request;
        Assert.That(response.Status, Is.EqualTo(status), "checkout step failed: " + response);
        return response;
    }
}

/// <summary>Order requests the tests repeat.</summary>
public static class OrderRequests
{
    public static Task<ApiResponse> TriggerAsync(this JsonApiClient api, string orderId, string trigger, object? moreAttributes = null)
    {
        var attributes = new Dictionary<string, object?> { [trigger] = true };
        if (moreAttributes is not null)
            foreach (var property in moreAttributes.GetType().GetProperties())
                attributes[property.Name] = property.GetValue(moreAttributes);
        return api.PatchAsync($"orders/{orderId}", Document("orders", attributes, id: orderId));
    }

    public static Task<ApiResponse> PlaceAsync(this JsonApiClient api, string orderId, object? moreAttributes = null) =>
        api.TriggerAsync(orderId, "_place", moreAttributes);

    public static async Task<JsonNode> OrderAsync(this JsonApiClient api, string orderId)
    {
        var response = await api.GetAsync($"orders/{orderId}");
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        return response.Attributes;
    }

    /// <summary>GET /api/orders/:id/{relationship}: the related resources (line_items, authorizations, voids…).</summary>
    public static async Task<JsonArray> RelatedAsync(this JsonApiClient api, string orderId, string relationship)
    {
        var response = await api.GetAsync($"orders/{orderId}/{relationship}");
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        return response.Data.AsArray();
    }

    public static string? Text(this JsonNode node, string name) => node[name]?.GetValue<string>();
}

/// <summary>Catalog entries a test owns, so that changing them cannot disturb another test of the fixture.</summary>
public static class TestCatalog
{
    public sealed record NewSku(string Id, string Code, IReadOnlyDictionary<string, string> PriceIds);

    /// <summary>An active gift card of <paramref name="balanceCents"/> in <paramref name="currencyCode"/>, created by an integration: its id and code.</summary>
    public static async Task<(string Id, string Code)> ActiveGiftCardAsync(JsonApiClient api, string currencyCode, long balanceCents)
    {
        var card = await api.PostAsync("gift_cards", Document("gift_cards", new { currency_code = currencyCode, balance_cents = balanceCents }));
        Assert.That(card.Status, Is.EqualTo(HttpStatusCode.Created), card.ToString());
        var activated = await api.PatchAsync($"gift_cards/{card.Id}", Document("gift_cards", new { _activate = true }, id: card.Id));
        Assert.That(activated.Status, Is.EqualTo(HttpStatusCode.OK), activated.ToString());
        return (card.Id, activated.Attributes["code"]!.GetValue<string>());
    }

    /// <summary>A new SKU with one price per currency given and <paramref name="stock"/> units on hand.</summary>
    public static async Task<NewSku> CreateSkuAsync(JsonApiClient api, IReadOnlyDictionary<string, long> prices, int stock = 100, bool doNotShip = false)
    {
        var code = $"T{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        var sku = await api.PostAsync("skus", Document("skus", new { code, name = "Test item " + code, do_not_ship = doNotShip }));
        Assert.That(sku.Status, Is.EqualTo(HttpStatusCode.Created), sku.ToString());
        var priceIds = new Dictionary<string, string>();
        foreach (var (currency, cents) in prices)
        {
            await EnsureMarketAsync(api, currency);
            var price = await api.PostAsync("prices", Document("prices", new { currency_code = currency, amount_cents = cents }, new { sku = ToOne("skus", sku.Id) }));
            Assert.That(price.Status, Is.EqualTo(HttpStatusCode.Created), price.ToString());
            priceIds[currency] = price.Id;
        }
        var item = await api.PostAsync("stock_items", Document("stock_items", new { quantity = stock }, new { sku = ToOne("skus", sku.Id) }));
        Assert.That(item.Status, Is.EqualTo(HttpStatusCode.Created), item.ToString());
        return new NewSku(sku.Id, code, priceIds);
    }

    /// <summary>
    /// A price list in <paramref name="currency"/> and a market selling at it, created (with an integration token) when no
    /// list is in that currency yet: the demo data has EUR and USD only. Returns the id of the list.
    /// </summary>
    public static async Task<string> EnsureMarketAsync(JsonApiClient api, string currency)
    {
        var lists = await api.GetAsync($"price_lists?filter[q][currency_code_eq]={currency}");
        Assert.That(lists.Status, Is.EqualTo(HttpStatusCode.OK), lists.ToString());
        if (lists.Data.AsArray().Count > 0)
            return lists.Data[0]!["id"]!.GetValue<string>();
        var list = await api.PostAsync("price_lists", Document("price_lists", new { name = currency + " test list", currency_code = currency }));
        Assert.That(list.Status, Is.EqualTo(HttpStatusCode.Created), list.ToString());
        var market = await api.PostAsync("markets", Document("markets", new { name = currency + " test market" }, new { price_list = ToOne("price_lists", list.Id) }));
        Assert.That(market.Status, Is.EqualTo(HttpStatusCode.Created), market.ToString());
        return list.Id;
    }
}
