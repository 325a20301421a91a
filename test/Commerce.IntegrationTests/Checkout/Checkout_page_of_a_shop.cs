using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Checkout;

/// <summary>The checkout page with a shop's own settings: its translation files, its favicon and logo elsewhere.</summary>
public sealed partial class Checkout_page_of_a_shop : ApiFixture
{
    private static readonly string Translations = Directory.CreateTempSubdirectory("checkout-texts-").FullName;

    protected override IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            // Italian: one text of the shop's own; Portuguese: a language the service does not have, with one text.
            File.WriteAllText(Path.Combine(Translations, "it.json"), """{ "place_order": "Acquista ora" }""");
            File.WriteAllText(Path.Combine(Translations, "pt.json"), """{ "place_order": "Finalizar compra", "title": "Pagamento" }""");
            return new Dictionary<string, string?>
            {
                ["Checkout:TranslationsDirectory"] = Translations,
                ["Organization:FaviconUrl"] = "https://cdn.example.com/shop/favicon.png",
                ["Organization:LogoUrl"] = "http://logos.example.com/shop.svg",
            };
        }
    }

    [OneTimeTearDown]
    public void RemoveTranslations() => Directory.Delete(Translations, recursive: true);

    [Test]
    public async Task A_shop_s_translation_file_replaces_texts_and_adds_a_language_completed_in_english()
    {
        using var http = Factory.CreateClient();
        var html = await http.GetStringAsync("/checkout/anything1234");
        var languages = Regex.Match(html, "<meta name=\"commerce-languages\" content=\"([^\"]*)\">").Groups[1].Value
            .Split(' ').Select(l => l.Split(':')).ToDictionary(l => l[0], l => l[1]);

        var italian = JsonNode.Parse(await http.GetStringAsync($"/checkout/assets/i18n-it.json?v={languages["it"]}"))!;
        var portuguese = JsonNode.Parse(await http.GetStringAsync($"/checkout/assets/i18n-pt.json?v={languages["pt"]}"))!;

        Assert.Multiple(() =>
        {
            Assert.That(italian["place_order"]!.GetValue<string>(), Is.EqualTo("Acquista ora"), "the shop's text");
            Assert.That(italian["shipping_address"]!.GetValue<string>(), Is.EqualTo("Indirizzo di spedizione"), "the embedded Italian otherwise");
            Assert.That(portuguese["place_order"]!.GetValue<string>(), Is.EqualTo("Finalizar compra"));
            Assert.That(portuguese["shipping_address"]!.GetValue<string>(), Is.EqualTo("Shipping address"), "English where the shop has no text");
        });
    }

    [Test]
    public async Task The_favicon_redirects_to_the_organization_s_and_images_may_come_from_the_logo_s_origin()
    {
        using var http = Factory.CreateClient(new() { AllowAutoRedirect = false });

        using var favicon = await http.GetAsync("/favicon.ico");
        using var page = await http.GetAsync("/checkout/anything1234");
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));

        Assert.Multiple(() =>
        {
            Assert.That(favicon.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(favicon.Headers.Location, Is.EqualTo(new Uri("https://cdn.example.com/shop/favicon.png")));
            Assert.That(Regex.Match(csp, "img-src ([^;]*)").Groups[1].Value.Split(' '),
                Is.EquivalentTo(new[] { "'self'", "https:", "http://logos.example.com" }));
        });
    }
}
