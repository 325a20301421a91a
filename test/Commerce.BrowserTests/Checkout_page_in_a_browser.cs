using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Commerce.BrowserTests;

/// <summary>
/// The hosted checkout page in headless Chromium against the real service on a free loopback port. Each test
/// creates its order through the API as the demo integration (as a shop's back end would), opens the order's
/// checkout_url and checks out as a shopper. What happened is checked through the API. At each step axe-core finds
/// no serious or critical violation, and the step's screenshots at 1280×900 and 390×844 go to
/// TestResults/checkout-page/&lt;test&gt;/ and are attached to the test result.
/// </summary>
public partial class Checkout_page_in_a_browser
{
    private const float Timeout = 30_000;

    private ServiceInChromium _host = null!;
    private HttpClient _http = null!;
    private JsonApiClient _api = null!;
    private int _shot;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await ServiceInChromium.StartAsync(baseUrl => new Dictionary<string, string?>
        {
            ["Checkout:BaseUrl"] = $"{baseUrl}/checkout",
            ["Organization:Name"] = "Demo Store",
            ["Organization:Domain"] = "shop.example.com",
            ["Organization:LogoUrl"] = $"{baseUrl}/checkout/assets/demo-logo.svg",
            ["Organization:PrimaryColor"] = "#1A73E8",
            ["Organization:SupportEmail"] = "support@demo-store.example",
            ["Organization:Config:checkout:wire_transfer:bank_name"] = "Banca Demo S.p.A.",
            ["Organization:Config:checkout:wire_transfer:account_holder"] = "Demo Store S.r.l.",
            ["Organization:Config:checkout:wire_transfer:iban"] = BankIban,
            ["Organization:Config:checkout:wire_transfer:bic"] = "DEMOITMMXXX",
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

        Assertions.SetDefaultExpectTimeout(Timeout);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _http?.Dispose();
        if (_host is not null)
            await _host.DisposeAsync();
    }

    [SetUp]
    public void ResetShots() => _shot = 0;

    [Test]
    public async Task Shopper_can_place_an_order_on_the_checkout_page()
    {
        var (orderId, checkoutUrl) = await CreateOrderAsync();
        var page = await OpenAsync(checkoutUrl);
        await ShotAsync(page, "loaded");

        await FillDetailsAsync(page, TestCard.Approved);
        await ShotAsync(page, "filled-in");
        await PlaceButton(page).ClickAsync();

        await ExpectConfirmationAsync(page, orderId);
        await ShotAsync(page, "confirmation");
        var order = await OrderAsync(orderId);
        Assert.Multiple(() =>
        {
            Assert.That(order["status"]!.GetValue<string>(), Is.EqualTo("placed"));
            Assert.That(order["payment_status"]!.GetValue<string>(), Is.EqualTo("authorized"));
            Assert.That(order["customer_email"]!.GetValue<string>(), Is.EqualTo("ada@example.com"));
        });
    }

    [Test]
    public async Task Shopper_can_retry_after_a_declined_payment()
    {
        var (orderId, checkoutUrl) = await CreateOrderAsync();
        var page = await OpenAsync(checkoutUrl);
        await FillDetailsAsync(page, TestCard.Declined);
        await ShotAsync(page, "filled-in");
        await PlaceButton(page).ClickAsync();

        // The decline is shown at the test card choice, the error summary has focus, and the choice is to be made again.
        var testCard = page.GetByRole(AriaRole.Group, new() { Name = "Test card" });
        var approved = page.GetByRole(AriaRole.Radio, new() { Name = "Approved card" });
        await Expect(page.Locator("#test-card-error")).ToContainTextAsync("declined");
        await Expect(page.Locator("#error-summary")).ToBeFocusedAsync();
        await Expect(page.Locator("#error-list")).ToContainTextAsync("Test card: The payment was declined.");
        await Expect(approved).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(testCard).ToHaveAttributeAsync("aria-describedby", new System.Text.RegularExpressions.Regex("test-card-error"));
        await Expect(approved).Not.ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Declined card" })).Not.ToBeCheckedAsync();
        await ShotAsync(page, "declined");
        Assert.That((await OrderAsync(orderId))["status"]!.GetValue<string>(), Is.EqualTo("pending"));

        await approved.CheckAsync();
        await ShotAsync(page, "approved-card");
        await PlaceButton(page).ClickAsync();
        await ExpectConfirmationAsync(page, orderId);
        await ShotAsync(page, "confirmation");

        var authorizations = await RelatedAsync(orderId, "authorizations");
        Assert.That(authorizations.Select(a => a!["attributes"]!["status"]!.GetValue<string>()), Is.EqualTo(new[] { "failed", "succeeded" }));
    }

    [Test]
    public async Task Reloading_after_placing_shows_the_confirmation()
    {
        var (orderId, checkoutUrl) = await CreateOrderAsync();
        var page = await OpenAsync(checkoutUrl);
        await FillDetailsAsync(page, TestCard.Approved);
        await PlaceButton(page).ClickAsync();
        await ExpectConfirmationAsync(page, orderId);
        await ShotAsync(page, "placed");

        await page.ReloadAsync();
        await ExpectConfirmationAsync(page, orderId);
        await Expect(page.Locator("#checkout-form")).ToBeHiddenAsync();
        await Expect(page.Locator("#problem")).ToBeHiddenAsync();
        await ShotAsync(page, "reloaded");
        Assert.That(await RelatedAsync(orderId, "authorizations"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Clicking_place_order_twice_places_the_order_once()
    {
        var (orderId, checkoutUrl) = await CreateOrderAsync();
        var page = await OpenAsync(checkoutUrl);
        var placements = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "PATCH" && request.PostData?.Contains("\"_place\"", StringComparison.Ordinal) == true)
                Interlocked.Increment(ref placements);
        };
        await FillDetailsAsync(page, TestCard.Approved);
        await PlaceButton(page).DblClickAsync();
        await ExpectConfirmationAsync(page, orderId);
        await ShotAsync(page, "confirmation");

        var authorizations = await RelatedAsync(orderId, "authorizations");
        Assert.Multiple(() =>
        {
            Assert.That(authorizations, Has.Count.EqualTo(1));
            Assert.That(placements, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Shopper_can_check_out_with_the_keyboard_on_a_phone()
    {
        var (orderId, checkoutUrl) = await CreateOrderAsync();
        var page = await OpenAsync(checkoutUrl, width: 375, height: 740);
        Assert.That(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), Is.True, "no sideways scrolling at 375 px");
        await ShotAsync(page, "phone-loaded");
        var keyboard = page.Keyboard;

        // Tab: the skip link; Enter skips the shop's header; then the one-line order summary, then the email field.
        // Enter on an empty form: every missing field is named, focus on the summary.
        await keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to the checkout" })).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");
        await keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show order summary" })).ToBeFocusedAsync();
        await keyboard.PressAsync("Tab");
        var email = page.GetByLabel("Email");
        await Expect(email).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("#error-summary")).ToBeFocusedAsync();
        await Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(email).ToHaveAttributeAsync("aria-describedby", "customer_email-error");
        await Expect(page.Locator("#customer_email-error")).ToBeVisibleAsync();
        await ShotAsync(page, "phone-errors");

        // The summary's first link leads to the email field.
        await keyboard.PressAsync("Tab");
        await keyboard.PressAsync("Enter");
        await Expect(email).ToBeFocusedAsync();
        await keyboard.TypeAsync("ada@example.com");
        var shipping = page.GetByRole(AriaRole.Group, new() { Name = "Shipping address" });
        foreach (var (label, text) in new[]
        {
            ("First name", "Ada"), ("Last name", "Lovelace"), ("Company", ""), ("Address", "Via Roma 1"),
            ("Apartment, suite, etc.", ""), ("City", "Milano"), ("Postal code", "20100"), ("State or province", ""),
        })
        {
            await keyboard.PressAsync("Tab");
            await Expect(shipping.GetByLabel(label)).ToBeFocusedAsync();
            if (text.Length > 0)
                await keyboard.TypeAsync(text);
        }
        await keyboard.PressAsync("Tab");
        await Expect(shipping.GetByLabel("Country")).ToBeFocusedAsync();
        await keyboard.TypeAsync("Italy");
        await Expect(shipping.GetByLabel("Country")).ToHaveValueAsync("IT");
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync("+39 02 1234567");
        await keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Billing address same as shipping")).ToBeFocusedAsync();

        // Radio groups: Tab into the group, Space chooses.
        await keyboard.PressAsync("Tab");
        var standard = page.GetByRole(AriaRole.Radio, new() { Name = "Standard" });
        await Expect(standard).ToBeFocusedAsync();
        await keyboard.PressAsync("Space");
        await Expect(standard).ToBeCheckedAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("Totals updated");
        // The code field and its button, then the payment methods.
        await keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Code", new() { Exact = true })).ToBeFocusedAsync();
        await keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Apply" })).ToBeFocusedAsync();
        await keyboard.PressAsync("Tab");
        var card = page.GetByRole(AriaRole.Radio, new() { Name = "Card (test gateway)" });
        await Expect(card).ToBeFocusedAsync();
        await keyboard.PressAsync("Space");
        await Expect(card).ToBeCheckedAsync();
        await keyboard.PressAsync("Tab");
        var approved = page.GetByRole(AriaRole.Radio, new() { Name = "Approved card" });
        await Expect(approved).ToBeFocusedAsync();
        await keyboard.PressAsync("Space");
        await Expect(approved).ToBeCheckedAsync();
        await keyboard.PressAsync("Tab");
        await Expect(PlaceButton(page)).ToBeFocusedAsync();
        await ShotAsync(page, "phone-filled-in");
        await keyboard.PressAsync("Enter");

        await ExpectConfirmationAsync(page, orderId);
        await Expect(page.Locator("#confirmation")).ToBeFocusedAsync();
        Assert.That(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), Is.True);
        await ShotAsync(page, "phone-confirmation");
    }

    [Test]
    public async Task An_error_of_the_api_is_shown_at_the_field_its_pointer_names()
    {
        var (_, checkoutUrl) = await CreateOrderAsync();
        var page = await OpenAsync(checkoutUrl);
        await FillDetailsAsync(page, TestCard.Approved);
        // Italy has postal codes: the API refuses the address with the pointer /data/attributes/zip_code.
        var zip = page.GetByRole(AriaRole.Group, new() { Name = "Shipping address" }).GetByLabel("Postal code");
        await zip.FillAsync("");
        await PlaceButton(page).ClickAsync();
        await Expect(page.Locator("#shipping-zip_code-error")).ToContainTextAsync("Can't be blank");
        await Expect(zip).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#error-summary")).ToBeFocusedAsync();
        await Expect(page.Locator("#error-list")).ToContainTextAsync("Shipping address: Postal code");
        await ShotAsync(page, "zip-error");
    }

    [Test]
    public async Task Shopper_can_pay_by_wire_transfer_with_a_company_billing_address()
    {
        var (orderId, checkoutUrl) = await CreateOrderAsync();
        var page = await OpenAsync(checkoutUrl);
        await page.GetByLabel("Email").FillAsync("grace@example.com");
        var shipping = page.GetByRole(AriaRole.Group, new() { Name = "Shipping address" });
        await shipping.GetByLabel("First name").FillAsync("Grace");
        await shipping.GetByLabel("Last name").FillAsync("Hopper");
        await shipping.GetByLabel("Address", new() { Exact = true }).FillAsync("Unter den Linden 1");
        await shipping.GetByLabel("City").FillAsync("Berlin");
        await shipping.GetByLabel("Postal code").FillAsync("10117");
        await shipping.GetByLabel("Country").SelectOptionAsync("DE");
        await shipping.GetByLabel("Phone").FillAsync("+49 30 123456");
        await page.GetByLabel("Billing address same as shipping").UncheckAsync();
        var billing = page.GetByRole(AriaRole.Group, new() { Name = "Billing address" });
        await billing.GetByLabel("Company").FillAsync("Hopper GmbH");
        await billing.GetByLabel("Address", new() { Exact = true }).FillAsync("Hauptstrasse 5");
        await billing.GetByLabel("City").FillAsync("Munich");
        await billing.GetByLabel("Postal code").FillAsync("80331");
        await billing.GetByLabel("Country").SelectOptionAsync("DE");
        await billing.GetByLabel("Phone").FillAsync("+49 89 1234");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Express" }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Wire transfer" }).CheckAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Test card" })).ToBeHiddenAsync();
        await Expect(page.Locator("#wire-note")).ToContainTextAsync("bank transfer");
        await ShotAsync(page, "filled-in");
        await PlaceButton(page).ClickAsync();

        await ExpectConfirmationAsync(page, orderId);
        // The bank details the shop configured, with the order's number as the reference and the amount to pay.
        var bank = page.GetByRole(AriaRole.Region, new() { Name = "Pay by bank transfer" });
        var number = (await OrderAsync(orderId))["number"]!.GetValue<long>();
        await Expect(bank).ToContainTextAsync(BankIban);
        await Expect(bank).ToContainTextAsync("Demo Store S.r.l.");
        await Expect(bank).ToContainTextAsync("DEMOITMMXXX");
        await Expect(bank).ToContainTextAsync($"Order {number}");
        await Expect(bank).ToContainTextAsync((await OrderAsync(orderId))["formatted_total_amount_with_taxes"]!.GetValue<string>());
        await Expect(page.Locator("#recap")).ToContainTextAsync("Hopper GmbH");
        await Expect(page.Locator("#recap")).ToContainTextAsync("Express");
        await ShotAsync(page, "confirmation");
        var order = await _api.GetAsync($"orders/{orderId}?include=billing_address,shipping_address,payment_source");
        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.OK), order.ToString());
        var included = order.Body!["included"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(order.Data["relationships"]!["payment_source"]!["data"]!["type"]!.GetValue<string>(), Is.EqualTo("wire_transfers"));
            Assert.That(order.Attributes["payment_status"]!.GetValue<string>(), Is.EqualTo("authorized"));
            Assert.That(included.Select(r => r!["attributes"]!["city"]?.GetValue<string>()), Is.SupersetOf(new[] { "Berlin", "Munich" }));
        });
    }

    [Test]
    public async Task An_unknown_order_shows_order_not_found()
    {
        var page = await OpenAsync($"{_host.BaseUrl}/checkout/NoSuchOrder1");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Order not found" })).ToBeVisibleAsync();
        await Expect(page.Locator("#checkout")).ToBeHiddenAsync();
        await ShotAsync(page, "not-found");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private const string BankIban = "IT60 X054 2811 1010 0000 0123 456";
    private const string ReturnUrl = "https://shop.example.com/thanks";

    /// <summary>The test gateway's cards, as the page offers them.</summary>
    private enum TestCard { Approved, Declined }

    /// <summary>An order of <paramref name="quantity"/> hoodies (EUR) in <paramref name="language"/>, created by the demo integration; its id and checkout_url.</summary>
    private async Task<(string Id, string CheckoutUrl)> CreateOrderAsync(string language = "en", int quantity = 1, string? sku = null)
    {
        var order = await _api.PostAsync("orders", Document("orders", new { currency_code = "EUR", language_code = language, return_url = ReturnUrl }));
        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.Created), order.ToString());
        var item = await _api.PostAsync("line_items", Document("line_items", new { sku_code = sku ?? DemoSkus.Hoodie, quantity }, new { order = ToOne("orders", order.Id) }));
        Assert.That(item.Status, Is.EqualTo(HttpStatusCode.Created), item.ToString());
        var checkoutUrl = order.Attributes["checkout_url"]!.GetValue<string>();
        Assert.That(checkoutUrl, Is.EqualTo($"{_host.BaseUrl}/checkout/{order.Id}"));
        return (order.Id, checkoutUrl);
    }

    private async Task<IPage> OpenAsync(string url, int width = 1280, int height = 900)
    {
        var context = await _host.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        context.SetDefaultTimeout(Timeout);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => TestContext.Out.WriteLine($"page error: {error}");
        await page.GotoAsync(url);
        await Expect(page.Locator("#status")).Not.ToHaveTextAsync("Loading your order…");
        return page;
    }

    private static ILocator PlaceButton(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Place order" });

    /// <summary>Email, an Italian shipping address (billing the same), Standard shipping, the test gateway's <paramref name="card"/>.</summary>
    private static async Task FillDetailsAsync(IPage page, TestCard card)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your order" })).ToBeVisibleAsync();
        await page.GetByLabel("Email").FillAsync("ada@example.com");
        var shipping = page.GetByRole(AriaRole.Group, new() { Name = "Shipping address" });
        await shipping.GetByLabel("First name").FillAsync("Ada");
        await shipping.GetByLabel("Last name").FillAsync("Lovelace");
        await shipping.GetByLabel("Address", new() { Exact = true }).FillAsync("Via Roma 1");
        await shipping.GetByLabel("City").FillAsync("Milano");
        await shipping.GetByLabel("Postal code").FillAsync("20100");
        await shipping.GetByLabel("Country").SelectOptionAsync("IT");
        await shipping.GetByLabel("Phone").FillAsync("+39 02 1234567");
        await Expect(page.GetByLabel("Billing address same as shipping")).ToBeCheckedAsync();

        await page.GetByRole(AriaRole.Radio, new() { Name = "Standard" }).CheckAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("Totals updated");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Card (test gateway)" }).CheckAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("Totals updated");
        await page.GetByRole(AriaRole.Radio, new() { Name = card == TestCard.Approved ? "Approved card" : "Declined card" }).CheckAsync();
    }

    /// <summary>The confirmation shows the order's number and its formatted total, as the API has them.</summary>
    private async Task ExpectConfirmationAsync(IPage page, string orderId)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you, your order is placed" })).ToBeVisibleAsync();
        var order = await OrderAsync(orderId);
        await Expect(page.Locator("#confirmation-number")).ToHaveTextAsync(order["number"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#confirmation-totals")).ToContainTextAsync(order["formatted_total_amount_with_taxes"]!.GetValue<string>());
        await Expect(page.Locator("#confirmation-items")).ToContainTextAsync("Red hoodie (L)");
    }

    private async Task<JsonNode> OrderAsync(string orderId)
    {
        var response = await _api.GetAsync($"orders/{orderId}");
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        return response.Attributes;
    }

    private async Task<JsonArray> RelatedAsync(string orderId, string relationship)
    {
        var response = await _api.GetAsync($"orders/{orderId}/{relationship}");
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        return response.Data.AsArray();
    }

    /// <summary>
    /// One step: at 1280×900 and at 390×844, axe-core finds no serious or critical violation and the page is photographed
    /// (full page, from the top); then the page is shown again at the size and scroll position the test uses.
    /// </summary>
    private async Task ShotAsync(IPage page, string step)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "TestResults", "checkout-page", TestContext.CurrentContext.Test.Name);
        Directory.CreateDirectory(directory);
        var size = page.ViewportSize!;
        var scroll = await page.EvaluateAsync<double>("() => window.scrollY");
        ++_shot;
        foreach (var (width, height, name) in new[] { (1280, 900, "desktop"), (390, 844, "phone") })
        {
            await page.SetViewportSizeAsync(width, height);
            var violations = await Axe.SeriousViolationsAsync(page);
            Assert.That(violations, Is.Empty, $"axe-core at step '{step}', {name}");
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            var path = Path.Combine(directory, $"{_shot:00}-{step}-{name}.png");
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
            TestContext.AddTestAttachment(path);
        }
        await page.SetViewportSizeAsync(size.Width, size.Height);
        await page.EvaluateAsync("y => window.scrollTo(0, y)", scroll);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

}
