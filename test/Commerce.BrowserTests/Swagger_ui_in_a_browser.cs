using System.Text.Json;
using Microsoft.Playwright;

namespace Commerce.BrowserTests;

/// <summary>
/// Swagger UI in headless Chromium against the real service listening on a free loopback port: Authorize
/// gets a token from /oauth/token with the demo integration's credentials, and "Try it out" walks the
/// checkout: create an order, add a line item, create an address, set it with the methods, add a payment
/// source, place. Screenshots go to TestResults/swagger-ui/.
/// </summary>
public class Swagger_ui_in_a_browser
{
    private ServiceInChromium _host = null!;
    private string _screenshots = null!;
    private int _shot;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await ServiceInChromium.StartAsync();
        _screenshots = Path.Combine(TestContext.CurrentContext.WorkDirectory, "TestResults", "swagger-ui");
        Directory.CreateDirectory(_screenshots);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }

    private async Task ShotAsync(IPage page, string name)
    {
        var path = Path.Combine(_screenshots, $"{++_shot:00}-{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = false });
        TestContext.AddTestAttachment(path);
    }

    /// <summary>One operation's block (its parameters and the live response): the page itself is too tall to read in a shot.</summary>
    private async Task ShotAsync(ILocator operation, string name)
    {
        var path = Path.Combine(_screenshots, $"{++_shot:00}-{name}.png");
        await operation.ScreenshotAsync(new() { Path = path });
        TestContext.AddTestAttachment(path);
    }

    /// <summary>Expands an operation, presses "Try it out", fills it in, executes it, and returns the parsed response.</summary>
    private async Task<JsonElement> TryItOutAsync(IPage page, string tag, string operationId, int expectedStatus,
        IReadOnlyDictionary<string, string>? parameters = null, string? body = null)
    {
        // Swagger UI renders a tag's section only while it is in view (see AuthorizedSwaggerUiAsync): after an operation
        // further down was open, the page is scrolled past the sections above it and they have left the DOM. Back to the
        // top, where the tall viewport shows them all again, then to the tag's header.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.Locator($"#operations-tag-{tag}").ScrollIntoViewIfNeededAsync();
        var operation = page.Locator($"#operations-{tag}-{operationId}");
        await operation.Locator(".opblock-summary").First.ClickAsync();
        var tryOut = operation.Locator("button.try-out__btn", new() { HasText = "Try it out" });
        if (await tryOut.CountAsync() > 0)
            await tryOut.ClickAsync();
        foreach (var (name, value) in parameters ?? new Dictionary<string, string>())
            await operation.Locator($"tr[data-param-name=\"{name}\"] input, tr[data-param-name=\"{name}\"] textarea").First.FillAsync(value);
        if (body is not null)
            await operation.Locator("textarea.body-param__text").FillAsync(body);
        var response = await page.RunAndWaitForResponseAsync(() => operation.Locator("button.execute").ClickAsync(),
            r => r.Url.Contains("/api/", StringComparison.Ordinal) && r.Request.Method != "OPTIONS");
        await operation.Locator(".live-responses-table").First.WaitForAsync();
        await operation.Locator(".live-responses-table").First.ScrollIntoViewIfNeededAsync();
        await ShotAsync(operation, operationId);
        var text = await response.TextAsync();
        Assert.That(response.Status, Is.EqualTo(expectedStatus), $"{operationId}: {text}");
        if (body is not null)
            Assert.That(await response.Request.HeaderValueAsync("content-type"), Does.StartWith("application/vnd.api+json"));
        Assert.That(await response.Request.HeaderValueAsync("authorization"), Does.StartWith("Bearer "));
        await operation.Locator(".opblock-summary").First.ClickAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Json(object document) => JsonSerializer.Serialize(document);

    /// <summary>Swagger UI, authorized with the client credentials flow: /oauth/token gives a token of the demo integration.</summary>
    private async Task<IPage> AuthorizedSwaggerUiAsync()
    {
        var page = await _host.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 16000 } });
        // Swagger UI renders tag sections as they come into view: a tall page renders all of them at once,
        // so that no click lands while the layout below it is still growing.
        await page.GotoAsync($"{_host.BaseUrl}/swagger/index.html");
        await page.Locator("#operations-orders-create_orders").WaitForAsync();

        await page.Locator(".auth-wrapper .authorize").ClickAsync();
        await page.Locator("#client_id_clientCredentials").FillAsync(CommerceFactory.IntegrationId);
        await page.Locator("#client_secret_clientCredentials").FillAsync(CommerceFactory.IntegrationSecret);
        var flow = page.Locator(".auth-container").Filter(new() { Has = page.Locator("#client_id_clientCredentials") });
        var token = await page.RunAndWaitForResponseAsync(() => flow.Locator("button.authorize").ClickAsync(), r => r.Url.EndsWith("/oauth/token", StringComparison.Ordinal));
        Assert.That(token.Status, Is.EqualTo(200), await token.TextAsync());
        await page.Locator(".auth-container").Filter(new() { HasText = "Authorized" }).First.WaitForAsync();
        await ShotAsync(page, "authorized");
        await page.Locator(".modal-ux .close-modal").ClickAsync();
        return page;
    }

    [TestCase("skus", "list_skus")]
    [TestCase("orders", "list_orders")]
    [TestCase("prices", "list_prices")]
    [TestCase("payment_methods", "list_payment_methods")]
    public async Task A_list_operation_works_unedited_with_try_it_out(string tag, string operationId)
    {
        var page = await AuthorizedSwaggerUiAsync();

        var list = await TryItOutAsync(page, tag, operationId, 200);

        Assert.That(list.GetProperty("data").ValueKind, Is.EqualTo(JsonValueKind.Array));
        await page.CloseAsync();
    }

    [Test]
    public async Task Authorize_and_place_an_order_with_try_it_out()
    {
        var page = await AuthorizedSwaggerUiAsync();

        var order = await TryItOutAsync(page, "orders", "create_orders", 201, body:
            """{"data":{"type":"orders","attributes":{"currency_code":"EUR","language_code":"it","customer_email":"swagger@example.com"}}}""");
        var orderId = order.GetProperty("data").GetProperty("id").GetString()!;
        var orderLink = new { data = new { type = "orders", id = orderId } };

        await TryItOutAsync(page, "line_items", "create_line_items", 201, body: Json(new
        {
            data = new { type = "line_items", attributes = new { sku_code = "HOODIEUL000000E63E74LXXX", quantity = 1 }, relationships = new { order = orderLink } },
        }));

        var address = await TryItOutAsync(page, "addresses", "create_addresses", 201, body:
            """{"data":{"type":"addresses","attributes":{"first_name":"John","last_name":"Smith","line_1":"Via Roma 1","city":"Milano","zip_code":"20100","country_code":"IT","phone":"+39 02 1234567"}}}""");
        var addressId = address.GetProperty("data").GetProperty("id").GetString();

        var shipping = await TryItOutAsync(page, "shipping_methods", "list_shipping_methods", 200,
            new Dictionary<string, string> { ["filter[q]"] = """{"name_eq":"Standard"}""" });
        var shippingId = shipping.GetProperty("data")[0].GetProperty("id").GetString();
        var payment = await TryItOutAsync(page, "payment_methods", "list_payment_methods", 200,
            new Dictionary<string, string> { ["filter[q]"] = """{"currency_code_eq":"EUR","gateway_eq":"test"}""" });
        var paymentId = payment.GetProperty("data")[0].GetProperty("id").GetString();

        await TryItOutAsync(page, "orders", "update_orders", 200, new Dictionary<string, string> { ["id"] = orderId }, Json(new
        {
            data = new
            {
                type = "orders",
                id = orderId,
                attributes = new Dictionary<string, object> { ["_shipping_address_same_as_billing"] = true },
                relationships = new
                {
                    billing_address = new { data = new { type = "addresses", id = addressId } },
                    shipping_method = new { data = new { type = "shipping_methods", id = shippingId } },
                    payment_method = new { data = new { type = "payment_methods", id = paymentId } },
                },
            },
        }));

        await TryItOutAsync(page, "external_payments", "create_external_payments", 201, body: Json(new
        {
            data = new { type = "external_payments", attributes = new { payment_source_token = "tok_visa" }, relationships = new { order = orderLink } },
        }));

        var placed = await TryItOutAsync(page, "orders", "update_orders", 200, new Dictionary<string, string> { ["id"] = orderId },
            Json(new { data = new { type = "orders", id = orderId, attributes = new Dictionary<string, object> { ["_place"] = true } } }));
        var attributes = placed.GetProperty("data").GetProperty("attributes");
        Assert.Multiple(() =>
        {
            Assert.That(attributes.GetProperty("status").GetString(), Is.EqualTo("placed"));
            Assert.That(attributes.GetProperty("payment_status").GetString(), Is.EqualTo("authorized"));
            Assert.That(attributes.GetProperty("number").ValueKind, Is.EqualTo(JsonValueKind.Number));
        });
    }
}
