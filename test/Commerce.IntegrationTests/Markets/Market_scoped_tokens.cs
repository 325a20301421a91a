using System.Net;
using System.Text;
using System.Text.Json;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Markets;

/// <summary>Commerce Layer's <c>scope=market:…</c> on <c>POST /oauth/token</c>: what a market-scoped token creates and sees.</summary>
public sealed class Market_scoped_tokens : ApiFixture
{
    private Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(string scope, string clientId = CommerceFactory.SalesChannelId) =>
        Factory.PostTokenAsync(new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["scope"] = scope,
        }));

    private async Task<JsonApiClient> ScopedClientAsync(string scope)
    {
        var (status, body) = await TokenAsync(scope);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return Factory.CreateApiClient(body.GetProperty("access_token").GetString());
    }

    private static JsonElement Claims(string accessToken)
    {
        var payload = accessToken.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement.Clone();
    }

    private async Task<string> MarketIdAsync(string code) =>
        (await Api.GetAsync($"markets?filter[q][code_eq]={code}")).Data[0]!["id"]!.GetValue<string>();

    [Test]
    public async Task A_token_scoped_by_market_code_echoes_the_scope_and_carries_commerce_layer_s_claims()
    {
        var usa = await MarketIdAsync("usa");

        var (status, body) = await TokenAsync("market:code:usa");
        var organization = await Api.GetAsync("organization");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var claims = Claims(body.GetProperty("access_token").GetString()!);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.GetProperty("scope").GetString(), Is.EqualTo("market:code:usa"));
            Assert.That(claims.GetProperty("scope").GetString(), Is.EqualTo("market:code:usa"));
            Assert.That(claims.GetProperty("market").GetProperty("id")[0].GetString(), Is.EqualTo(usa));
            Assert.That(claims.GetProperty("market").GetProperty("price_list_id").GetString(), Is.Not.Empty);
            Assert.That(claims.GetProperty("application").GetProperty("kind").GetString(), Is.EqualTo("sales_channel"));
            Assert.That(claims.GetProperty("application").GetProperty("public").GetBoolean(), Is.True);
            Assert.That(claims.GetProperty("test").ValueKind, Is.EqualTo(JsonValueKind.True));
            Assert.That(claims.GetProperty("organization").GetProperty("slug").GetString(), Is.EqualTo(organization.Attributes.Text("slug")));
            Assert.That(claims.GetProperty("organization").GetProperty("id").GetString(), Is.EqualTo(organization.Id));
        }
    }

    [Test]
    public async Task A_token_scoped_by_market_id_creates_orders_in_that_market_without_a_currency()
    {
        var usa = await MarketIdAsync("usa");
        var client = await ScopedClientAsync($"market:id:{usa}");

        var order = await client.PostAsync("orders?include=market", Document("orders", new { customer_email = "scoped@example.com" }));

        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.Created), order.ToString());
        Assert.That(order.Attributes.Text("currency_code"), Is.EqualTo("USD"));
        Assert.That(order.Data["relationships"]!["market"]!["data"]!["id"]!.GetValue<string>(), Is.EqualTo(usa));
    }

    [Test]
    public async Task A_scoped_token_may_not_create_an_order_in_another_market_or_currency()
    {
        var europe = await MarketIdAsync("europe");
        var client = await ScopedClientAsync("market:code:usa");

        var otherMarket = await client.PostAsync("orders", Document("orders", new { }, new { market = ToOne("markets", europe) }));
        var otherCurrency = await client.PostAsync("orders", Document("orders", new { currency_code = "EUR" }));

        Assert.That(otherMarket.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), otherMarket.ToString());
        Assert.That(otherMarket.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/market" }));
        Assert.That(otherCurrency.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), otherCurrency.ToString());
        Assert.That(otherCurrency.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/currency_code" }));
    }

    [Test]
    public async Task A_scoped_token_sees_only_its_market_s_prices_in_lists_and_includes()
    {
        var client = await ScopedClientAsync("market:code:usa");
        var unscoped = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());

        var prices = await client.GetAsync($"prices?filter[q][sku_code_eq]={DemoSkus.Hoodie}");
        var included = await client.GetAsync($"skus?filter[q][code_eq]={DemoSkus.Hoodie}&include=prices");
        var all = await unscoped.GetAsync($"prices?filter[q][sku_code_eq]={DemoSkus.Hoodie}");

        Assert.That(prices.Status, Is.EqualTo(HttpStatusCode.OK), prices.ToString());
        Assert.That(included.Status, Is.EqualTo(HttpStatusCode.OK), included.ToString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(prices.Data.AsArray().Select(p => p!["attributes"]!.Text("currency_code")), Is.EqualTo(new[] { "USD" }));
            Assert.That(included.Body!["included"]!.AsArray().Where(r => r!["type"]!.GetValue<string>() == "prices")
                .Select(p => p!["attributes"]!.Text("currency_code")), Is.EqualTo(new[] { "USD" }));
            Assert.That(all.Data.AsArray().Select(p => p!["attributes"]!.Text("currency_code")), Is.EquivalentTo(new[] { "EUR", "USD" }));
        }
    }

    [TestCase("market:code:nowhere")]
    [TestCase("market:id:doesNotExist12")]
    [TestCase("market:code:")]
    [TestCase("stock_location:code:main")]
    [TestCase("market:code:usa market:code:europe")]
    public async Task A_scope_naming_no_usable_market_is_invalid_scope(string scope)
    {
        var (status, body) = await TokenAsync(scope);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_scope"));
    }

    [Test]
    public async Task A_disabled_market_issues_no_token()
    {
        var list = (await Api.GetAsync("price_lists?filter[q][currency_code_eq]=EUR")).Data[0]!["id"]!.GetValue<string>();
        var code = Unique("closed").ToLowerInvariant();
        var market = await Api.PostAsync("markets", Document("markets", new { name = "Closed", code, disabled_at = "2026-01-01T00:00:00.000Z" },
            new { price_list = ToOne("price_lists", list) }));
        Assert.That(market.Status, Is.EqualTo(HttpStatusCode.Created), market.ToString());

        var (status, body) = await TokenAsync($"market:code:{code}");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_scope"));
    }

    [Test]
    public async Task A_customer_s_scoped_token_names_its_owner_and_keeps_the_market_when_refreshed()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var signUp = await Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync())
            .PostAsync("customers", Document("customers", new { email, password = "correct horse battery" }));
        Assert.That(signUp.Status, Is.EqualTo(HttpStatusCode.Created), signUp.ToString());

        var (status, body) = await Factory.PostTokenAsync(new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = CommerceFactory.SalesChannelId, ["username"] = email,
            ["password"] = "correct horse battery", ["scope"] = "market:code:usa",
        }));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var (refreshedStatus, refreshed) = await Factory.RefreshAsync(body.GetProperty("refresh_token").GetString()!);
        Assert.That(refreshedStatus, Is.EqualTo(HttpStatusCode.OK), refreshed.ToString());

        var claims = Claims(body.GetProperty("access_token").GetString()!);
        var refreshedClaims = Claims(refreshed.GetProperty("access_token").GetString()!);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(claims.GetProperty("owner").GetProperty("id").GetString(), Is.EqualTo(signUp.Id));
            Assert.That(claims.GetProperty("owner").GetProperty("type").GetString(), Is.EqualTo("Customer"));
            Assert.That(refreshedClaims.GetProperty("market").GetProperty("id")[0].GetString(), Is.EqualTo(await MarketIdAsync("usa")));
        }
    }
}

/// <summary>Magento's <c>Store</c> header names the market of a new cart by its code (issue #17 over #16's markets).</summary>
public sealed class Magento_stores_are_markets : ApiFixture
{
    private async Task<string?> CartCurrencyAsync(string? store)
    {
        var guest = Factory.CreateGraphQLClient();
        if (store is not null)
            guest.Headers["Store"] = store;
        var cart = (await guest.SendAsync("mutation { createEmptyCart }")).Ok().Data!["createEmptyCart"]!.GetValue<string>();
        return (await Api.OrderAsync(cart)).Text("currency_code");
    }

    [Test]
    public async Task The_store_header_names_the_market_of_a_new_cart()
    {
        var usa = await CartCurrencyAsync("usa");
        var europe = await CartCurrencyAsync("europe");
        var client = Factory.CreateGraphQLClient();
        client.Headers["Store"] = "nowhere";
        var unknown = await client.SendAsync("mutation { createEmptyCart }");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(usa, Is.EqualTo("USD"));
            Assert.That(europe, Is.EqualTo("EUR"));
            Assert.That(unknown.ErrorMessages, Is.EqualTo(new[] { "Requested store is not found" }));
        }
    }
}
