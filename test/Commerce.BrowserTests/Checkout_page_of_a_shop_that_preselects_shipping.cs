using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Commerce.BrowserTests;

/// <summary>
/// A shop that asks for the cheapest shipping method to be chosen for the shopper (organization
/// <c>config.checkout.preselect_cheapest_shipping</c>): once the country is known, the page chooses and saves it.
/// </summary>
public class Checkout_page_of_a_shop_that_preselects_shipping
{
    private ServiceInChromium _host = null!;
    private HttpClient _http = null!;
    private JsonApiClient _api = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await ServiceInChromium.StartAsync(baseUrl => new Dictionary<string, string?>
        {
            ["Checkout:BaseUrl"] = $"{baseUrl}/checkout",
            ["Organization:Config:checkout:preselect_cheapest_shipping"] = "true",
        });
        _http = new HttpClient { BaseAddress = new Uri($"{_host.BaseUrl}/api/") };
        using (var tokenResponse = await _http.PostAsync(new Uri($"{_host.BaseUrl}/oauth/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = CommerceFactory.IntegrationId,
            ["client_secret"] = CommerceFactory.IntegrationSecret,
        })))
        {
            var token = JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
            _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        _api = new JsonApiClient(_http);
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _http?.Dispose();
        if (_host is not null)
            await _host.DisposeAsync();
    }

    [Test]
    public async Task The_cheapest_method_serving_the_country_is_chosen_and_saved()
    {
        var order = await _api.PostAsync("orders", Document("orders", new { currency_code = "EUR", language_code = "en" }));
        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.Created), order.ToString());
        var item = await _api.PostAsync("line_items", Document("line_items", new { sku_code = DemoSkus.Hoodie, quantity = 1 }, new { order = ToOne("orders", order.Id) }));
        Assert.That(item.Status, Is.EqualTo(HttpStatusCode.Created), item.ToString());
        await using var context = await _host.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(order.Attributes["checkout_url"]!.GetValue<string>());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your order" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Group, new() { Name = "Shipping address" }).GetByLabel("Country").SelectOptionAsync("FR");

        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Standard" })).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Totals updated");
        await Assertions.Expect(page.Locator("#totals")).ToContainTextAsync("Shipping€7.00");
        var saved = await _api.GetAsync($"orders/{order.Id}?include=shipping_method");
        Assert.That(saved.Body!["included"]!.AsArray().Single()!["attributes"]!["name"]!.GetValue<string>(), Is.EqualTo("Standard"));
    }
}
