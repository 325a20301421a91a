using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Commerce.BrowserTests;

/// <summary>
/// The checkout page as a shop shows it to its customers (issue #18): branded from the organization, in the order's language,
/// with priced shipping methods, codes, a test card choice, a recap on the confirmation with recommendations, and a phone layout.
/// </summary>
public partial class Checkout_page_in_a_browser
{
    [Test]
    public async Task An_italian_order_shows_an_italian_page_with_the_shop_s_name_and_logo()
    {
        var (orderId, checkoutUrl) = await CreateOrderAsync(language: "it");
        var page = await OpenAsync(checkoutUrl);

        // Italian, with the shop's logo linking back to the shop and its favicon.
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "it");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Il tuo ordine" })).ToBeVisibleAsync();
        var logo = page.GetByRole(AriaRole.Img, new() { Name = "Demo Store" });
        await Expect(logo).ToBeVisibleAsync();
        Assert.That(await logo.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), Is.True, "the logo is loaded");
        var home = page.GetByRole(AriaRole.Link, new() { Name = "Torna a Demo Store" });
        await Expect(home).ToHaveAttributeAsync("href", ReturnUrl);
        await Expect(page.Locator("#place-order")).ToHaveTextAsync("Conferma l'ordine");
        await Expect(page.GetByLabel("Email")).ToBeVisibleAsync();
        var shipping = page.GetByRole(AriaRole.Group, new() { Name = "Indirizzo di spedizione" });
        await Expect(shipping.GetByLabel("Nome", new() { Exact = true })).ToBeVisibleAsync();
        using (var favicon = await new HttpClient().GetAsync(new Uri($"{_host.BaseUrl}/favicon.ico")))
        {
            Assert.That(favicon.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(favicon.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/x-icon"));
        }

        // Shipping methods with their prices (the API's style, Italian separators); no shipping line before one is chosen.
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Standard €7,00" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Express €15,00" })).ToBeVisibleAsync();
        await Expect(page.Locator("#totals")).Not.ToContainTextAsync("Spedizione");
        // The countries are those the market's shipping methods serve, named in Italian; hints follow the country.
        var countries = await shipping.GetByLabel("Paese").Locator("option").EvaluateAllAsync<string[]>("options => options.map(o => o.value).filter(Boolean)");
        Assert.That(countries, Is.EquivalentTo(new[] { "IT", "DE", "FR", "ES", "NL", "BE", "AT" }));
        await shipping.GetByLabel("Paese").SelectOptionAsync("DE");
        await Expect(shipping.GetByLabel("Paese")).ToContainTextAsync("Germania");
        await Expect(page.Locator("#shipping-zip_code-hint")).ToHaveTextAsync("Ad esempio 10117");
        await Expect(page.Locator("#shipping-phone-hint")).ToContainTextAsync("+49 30 123456");
        await ShotAsync(page, "italian");

        await page.GetByRole(AriaRole.Radio, new() { Name = "Standard" }).CheckAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("Totali aggiornati");
        await Expect(page.Locator("#totals")).ToContainTextAsync("Spedizione€7,00");

        // An empty form: the errors in Italian.
        await PlaceButton(page, "Conferma l'ordine").ClickAsync();
        await Expect(page.Locator("#error-summary")).ToBeFocusedAsync();
        await Expect(page.Locator("#error-summary-title")).ToHaveTextAsync("C'è un problema");
        await Expect(page.Locator("#customer_email-error")).ToHaveTextAsync("Inserisci il tuo indirizzo email.");
        await ShotAsync(page, "italian-errors");
        Assert.That((await OrderAsync(orderId))["status"]!.GetValue<string>(), Is.EqualTo("pending"));
    }

    [Test]
    public async Task A_shipping_method_free_over_the_order_s_subtotal_says_free()
    {
        // Two hoodies: €118, over Standard's free_over_amount (€99).
        var (orderId, checkoutUrl) = await CreateOrderAsync(quantity: 2);
        var page = await OpenAsync(checkoutUrl);

        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Standard Free" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Express €15.00" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Standard" }).CheckAsync();
        await Expect(page.Locator("#totals")).ToContainTextAsync("ShippingFree");
        await ShotAsync(page, "free-shipping");
        Assert.That((await OrderAsync(orderId))["shipping_amount_cents"]!.GetValue<long>(), Is.Zero, "the service agrees");
    }

    [Test]
    public async Task Shopper_can_apply_a_coupon_and_a_gift_card_and_sees_them_on_the_confirmation()
    {
        var coupon = await CouponAsync(percentage: 10);
        var (cardId, cardCode) = await GiftCardAsync(balanceCents: 2000);
        var (orderId, checkoutUrl) = await CreateOrderAsync();
        var page = await OpenAsync(checkoutUrl);
        var code = page.GetByLabel("Code", new() { Exact = true });
        var apply = page.GetByRole(AriaRole.Button, new() { Name = "Apply" });

        // A code that is neither: the error at the field.
        await code.FillAsync("NOSUCHCODE1");
        await apply.ClickAsync();
        await Expect(page.Locator("#code-error")).ToBeVisibleAsync();
        await Expect(code).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(code).ToHaveAttributeAsync("aria-describedby", "code-error");
        await ShotAsync(page, "unknown-code");

        // The coupon: a discount line with its code.
        await code.FillAsync(coupon);
        await code.PressAsync("Enter");
        await Expect(page.Locator("#totals")).ToContainTextAsync($"Discount ({coupon})");
        await Expect(code).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#applied-codes")).ToContainTextAsync($"Discount code {coupon}");
        var afterCoupon = await OrderAsync(orderId);
        await Expect(page.Locator("#totals")).ToContainTextAsync(afterCoupon["formatted_discount_amount"]!.GetValue<string>());
        Assert.That((await OrderAsync(orderId))["status"]!.GetValue<string>(), Is.EqualTo("pending"), "Enter in the code field does not place the order");

        // The gift card through the same field: a gift card line, and the total to pay falls by it.
        await code.FillAsync(cardCode);
        await apply.ClickAsync();
        await Expect(page.Locator("#totals")).ToContainTextAsync("Gift card-€20.00");
        await Expect(page.Locator("#applied-codes")).ToContainTextAsync("Gift card");
        var withCard = await OrderAsync(orderId);
        await Expect(page.Locator("#place-total")).ToHaveTextAsync($"Total to pay: {withCard["formatted_total_amount_with_taxes"]!.GetValue<string>()}");
        await ShotAsync(page, "codes-applied");

        await FillDetailsAsync(page, TestCard.Approved);
        await PlaceButton(page).ClickAsync();
        await ExpectConfirmationAsync(page, orderId);
        var totals = page.Locator("#confirmation-totals");
        await Expect(totals).ToContainTextAsync($"Discount ({coupon})");
        await Expect(totals).ToContainTextAsync("Gift card-€20.00");
        await ShotAsync(page, "confirmation");

        var placed = await OrderAsync(orderId);
        var card = await _api.GetAsync($"gift_cards/{cardId}");
        Assert.Multiple(() =>
        {
            Assert.That(placed["status"]!.GetValue<string>(), Is.EqualTo("placed"));
            Assert.That(placed["coupon_code"]!.GetValue<string>(), Is.EqualTo(coupon));
            Assert.That(placed["gift_card_amount_cents"]!.GetValue<long>(), Is.EqualTo(-2000));
            Assert.That(card.Attributes["balance_cents"]!.GetValue<long>(), Is.Zero, card.ToString());
        });
    }

    [Test]
    public async Task A_code_can_be_removed()
    {
        var coupon = await CouponAsync(percentage: 10);
        var (orderId, checkoutUrl) = await CreateOrderAsync();
        var page = await OpenAsync(checkoutUrl);
        var code = page.GetByLabel("Code", new() { Exact = true });
        await code.FillAsync(coupon);
        await code.PressAsync("Enter");
        await Expect(page.Locator("#totals")).ToContainTextAsync("Discount");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Remove: Discount code {coupon}" }).ClickAsync();

        await Expect(page.Locator("#totals")).Not.ToContainTextAsync("Discount");
        await Expect(page.Locator("#status")).ToContainTextAsync("Code removed");
        await ShotAsync(page, "removed");
        Assert.That((await OrderAsync(orderId))["coupon_code"], Is.Null);
    }

    [Test]
    public async Task The_confirmation_recaps_the_order_and_recommends_products_bought_together()
    {
        // A placed order with the hoodie and the cap: the cap is now bought together with the hoodie.
        await PlacedOrderAsync(DemoSkus.Hoodie, "CAPXXXXX000000000000XXXX");
        var (orderId, checkoutUrl) = await CreateOrderAsync();
        var counted = await Eventually.TrueAsync(async () =>
        {
            var recommended = await _api.GetAsync($"orders/{orderId}/recommendations");
            return recommended.Data.AsArray().Select(s => s!["attributes"]!["name"]!.GetValue<string>()).FirstOrDefault() == "Black cap";
        });
        Assert.That(counted, Is.True, "the recommender counted the placed order: the cap first");

        var page = await OpenAsync(checkoutUrl);
        await FillDetailsAsync(page, TestCard.Approved);
        await PlaceButton(page).ClickAsync();
        await ExpectConfirmationAsync(page, orderId);

        var recap = page.Locator("#recap");
        await Expect(recap).ToContainTextAsync("ada@example.com");
        await Expect(recap).ToContainTextAsync("Ada Lovelace");
        await Expect(recap).ToContainTextAsync("Via Roma 1");
        await Expect(recap).ToContainTextAsync("20100 Milano");
        await Expect(recap).ToContainTextAsync("Italy");
        await Expect(recap).ToContainTextAsync("Same as shipping");
        await Expect(recap).ToContainTextAsync("Standard");
        await Expect(recap).ToContainTextAsync("Card (test gateway)");
        await Expect(page.Locator("#confirmation-totals")).ToContainTextAsync("Shipping€7.00");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Continue shopping" })).ToHaveAttributeAsync("href", ReturnUrl);
        var recommendations = page.GetByRole(AriaRole.Region, new() { Name = "You may also like" });
        await Expect(recommendations.Locator("li").First).ToContainTextAsync("Black cap");
        await Expect(recommendations.Locator("li").First).ToContainTextAsync("€22.00");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Pay by bank transfer" })).ToBeHiddenAsync();
        await ShotAsync(page, "recap");
    }

    [Test]
    public async Task On_a_phone_the_summary_is_one_line_with_the_total_above_the_form()
    {
        var (orderId, checkoutUrl) = await CreateOrderAsync(quantity: 2);
        var page = await OpenAsync(checkoutUrl, width: 390, height: 844);
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Show order summary" });
        var total = (await OrderAsync(orderId))["formatted_total_amount_with_taxes"]!.GetValue<string>();

        // Collapsed: one line with the total; the email field is on the first screen, the line items are not shown.
        await Expect(toggle).ToBeVisibleAsync();
        await Expect(toggle).ToContainTextAsync(total);
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(page.Locator("#line-items")).ToBeHiddenAsync();
        var email = await page.GetByLabel("Email").BoundingBoxAsync();
        var bar = await toggle.BoundingBoxAsync();
        Assert.That(email!.Y + email.Height, Is.LessThan(844), "the form starts on the first screen");
        Assert.That(bar!.Y, Is.LessThan(email.Y), "the summary line is above the form");
        Assert.That(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), Is.True);
        await ShotAsync(page, "phone-collapsed");

        // Expanded: the line items with their image and quantity.
        await toggle.ClickAsync();
        var hide = page.GetByRole(AriaRole.Button, new() { Name = "Hide order summary" });
        await Expect(hide).ToHaveAttributeAsync("aria-expanded", "true");
        var line = page.Locator("#line-items li").First;
        await Expect(line).ToBeVisibleAsync();
        await Expect(line.Locator(".quantity")).ToHaveTextAsync("2");
        await Expect(line).ToContainTextAsync("Red hoodie (L)");
        Assert.That(await line.Locator("img").CountAsync() + await line.Locator(".thumb").CountAsync(), Is.GreaterThanOrEqualTo(1));
        await ShotAsync(page, "phone-expanded");

        // On a wide screen the summary is always shown, without the toggle.
        await page.SetViewportSizeAsync(1280, 900);
        await Expect(hide).ToBeHiddenAsync();
        await Expect(page.Locator("#line-items")).ToBeVisibleAsync();
    }

    [Test]
    public async Task On_a_slow_connection_the_page_s_own_files_are_small_and_gzipped()
    {
        var (_, checkoutUrl) = await CreateOrderAsync(language: "it");
        var context = await _host.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        // Chromium's "Slow 3G": 400 ms of latency, 50 kB/s down.
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 400, ["downloadThroughput"] = 50 * 1024, ["uploadThroughput"] = 20 * 1024,
        });
        var own = new List<IResponse>();
        page.Response += (_, response) =>
        {
            // The page and its code and texts (not images).
            var path = new Uri(response.Url).AbsolutePath;
            if (path.StartsWith("/checkout/", StringComparison.Ordinal) && !path.EndsWith(".svg", StringComparison.Ordinal))
                lock (own)
                    own.Add(response);
        };

        await page.GotoAsync(checkoutUrl);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Conferma l'ordine" })).ToBeVisibleAsync();

        IResponse[] responses;
        lock (own)
            responses = [.. own];
        long bytes = 0;
        foreach (var response in responses)
        {
            bytes += (await response.Request.SizesAsync()).ResponseBodySize;
            Assert.That(await response.HeaderValueAsync("content-encoding"), Is.EqualTo("gzip"), response.Url);
        }
        TestContext.Out.WriteLine($"the page's own files: {responses.Length} responses, {bytes} bytes on the wire");
        Assert.That(responses.Select(r => new Uri(r.Url).AbsolutePath), Is.SupersetOf(new[] { "/checkout/assets/checkout.js", "/checkout/assets/checkout.css", "/checkout/assets/i18n-it.json" }));
        Assert.That(bytes, Is.LessThan(32 * 1024), "HTML, CSS, JS and texts together, gzipped");
    }

    // ---- helpers of the shop's checkout --------------------------------------------------------

    private static ILocator PlaceButton(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name });

    /// <summary>A 10% coupon code (a percentage promotion with a coupon rule), created by the integration.</summary>
    private async Task<string> CouponAsync(int percentage)
    {
        var now = DateTimeOffset.UtcNow;
        var promotion = await _api.PostAsync("percentage_discount_promotions", Document("percentage_discount_promotions", new
        {
            name = "Spring sale", currency_code = "EUR", percentage, starts_at = now.AddDays(-1), expires_at = now.AddDays(30),
        }));
        Assert.That(promotion.Status, Is.EqualTo(HttpStatusCode.Created), promotion.ToString());
        var rule = await _api.PostAsync("coupon_codes_promotion_rules", Document("coupon_codes_promotion_rules", null,
            new { promotion = ToOne("percentage_discount_promotions", promotion.Id) }));
        Assert.That(rule.Status, Is.EqualTo(HttpStatusCode.Created), rule.ToString());
        var code = $"SPRING{Guid.NewGuid():N}"[..14].ToUpperInvariant();
        var coupon = await _api.PostAsync("coupons", Document("coupons", new { code }, new { promotion_rule = ToOne("coupon_codes_promotion_rules", rule.Id) }));
        Assert.That(coupon.Status, Is.EqualTo(HttpStatusCode.Created), coupon.ToString());
        return code;
    }

    /// <summary>An active EUR gift card with this balance: its id and code.</summary>
    private Task<(string Id, string Code)> GiftCardAsync(long balanceCents) => TestCatalog.ActiveGiftCardAsync(_api, "EUR", balanceCents);

    /// <summary>An order of these SKUs placed through the API (wire transfer).</summary>
    private async Task PlacedOrderAsync(params string[] skus)
    {
        var builder = new CheckoutBuilder(_api);
        foreach (var sku in skus)
            builder = builder.WithItem(sku);
        var order = await builder.BuildAsync();
        var placed = await _api.PlaceAsync(order.Id);
        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
    }
}
