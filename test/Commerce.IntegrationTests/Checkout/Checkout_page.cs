using System.Net;
using System.Text.RegularExpressions;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Commerce.IntegrationTests.Checkout;

/// <summary>The host side of the hosted checkout page: what is served, with which headers, and where orders link to.</summary>
public sealed partial class Checkout_page : ApiFixture
{
    private const string BaseUrl = "https://shop.example.com/pay/";
    private const string ClientId = "shop-<&>\"channel";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Checkout:BaseUrl"] = BaseUrl,
        ["Checkout:ClientId"] = ClientId,
    };

    [Test]
    public async Task An_order_s_checkout_url_is_the_configured_base_url_and_its_id()
    {
        var order = await Api.PostAsync("orders", Document("orders", new { currency_code = "EUR" }));

        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.Created), order.ToString());
        Assert.That(order.Attributes["checkout_url"]!.GetValue<string>(), Is.EqualTo($"https://shop.example.com/pay/{order.Id}"));
    }

    [Test]
    public async Task The_page_is_served_for_an_order_as_html_with_a_strict_policy()
    {
        var order = await new CheckoutBuilder(Api).BuildAsync();
        using var http = Factory.CreateClient();

        using var response = await http.GetAsync($"/checkout/{order.Id}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/html; charset=utf-8"));
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.That(csp, Does.Contain("default-src 'none'").And.Contain("script-src 'self'").And.Contain("style-src 'self'")
                .And.Contain("connect-src 'self'").And.Contain("frame-ancestors 'none'"));
            Assert.That(csp, Does.Not.Contain("unsafe"));
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(response.Headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }));
            Assert.That(response.Headers.CacheControl?.NoCache, Is.True);
            Assert.That(response.Headers.ETag, Is.Not.Null);
            // The client id reaches the page in a meta element, encoded; no inline script or style anywhere.
            Assert.That(html, Does.Contain("<meta name=\"commerce-client-id\" content=\"shop-&lt;&amp;&gt;&quot;channel\">"));
            Assert.That(InlineScript().IsMatch(html), Is.False, "every script has a src");
            Assert.That(html, Does.Not.Contain(" style=").And.Not.Contain("<style"));
            Assert.That(InlineHandler().IsMatch(html), Is.False, "no inline event handlers");
        });
    }

    [Test]
    public async Task The_page_is_served_for_any_id_so_that_it_can_say_the_order_is_not_found()
    {
        using var http = Factory.CreateClient();

        using var unknown = await http.GetAsync("/checkout/NoSuchOrder1");
        using var odd = await http.GetAsync("/checkout/%3Cscript%3E");

        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(odd.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await odd.Content.ReadAsStringAsync(), Does.Not.Contain("<script>"), "the id is never echoed into the page");
    }

    [TestCase("checkout.js", "text/javascript; charset=utf-8")]
    [TestCase("checkout.css", "text/css; charset=utf-8")]
    public async Task Assets_are_served_with_their_content_type_and_cached_by_version(string name, string contentType)
    {
        using var http = Factory.CreateClient();
        var html = await http.GetStringAsync("/checkout/anything1234");
        var url = Regex.Match(html, $"/checkout/assets/{Regex.Escape(name)}\\?v=[0-9a-f]{{16}}").Value;
        Assert.That(url, Is.Not.Empty, $"the page links {name} with its version");

        using var versioned = await http.GetAsync(url);
        using var unversioned = await http.GetAsync($"/checkout/assets/{name}");
        using var revalidated = new HttpRequestMessage(HttpMethod.Get, url);
        revalidated.Headers.IfNoneMatch.Add(versioned.Headers.ETag!);
        using var notModified = await http.SendAsync(revalidated);

        Assert.Multiple(() =>
        {
            Assert.That(versioned.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(versioned.Content.Headers.ContentType?.ToString(), Is.EqualTo(contentType));
            Assert.That(versioned.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(versioned.Headers.Contains("Content-Security-Policy"), Is.True);
            Assert.That(versioned.Headers.CacheControl?.ToString(), Is.EqualTo("public, immutable, max-age=31536000").Or.EqualTo("public, max-age=31536000, immutable"));
            Assert.That(unversioned.Headers.CacheControl?.NoCache, Is.True, "without the current version: revalidate");
            Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        });
    }

    [Test]
    public async Task An_unknown_asset_is_404_and_the_page_is_not_in_the_api_description()
    {
        using var http = Factory.CreateClient();

        using var missing = await http.GetAsync("/checkout/assets/secrets.json");
        var openApi = await http.GetStringAsync("/swagger/v1/swagger.json");

        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(openApi, Does.Not.Contain("\"/checkout"));
    }

    [Test]
    public void A_wrong_base_url_or_an_empty_client_id_stops_the_service_at_start_up()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Checkout:BaseUrl"] = "shop.example.com/checkout", ["Checkout:ClientId"] = " " })
            .Build();

        var problems = Commerce.Api.Hosting.ConfigurationCheck.Problems(configuration);

        Assert.That(problems, Is.EquivalentTo(new[]
        {
            "Checkout:BaseUrl is 'shop.example.com/checkout': expected an absolute http or https URL",
            "Checkout:ClientId is empty: name the public sales channel the checkout page uses",
        }));
    }

    [Test]
    public async Task The_favicon_is_served_at_the_root()
    {
        using var http = Factory.CreateClient();

        using var response = await http.GetAsync("/favicon.ico");
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/x-icon"));
            Assert.That(body.Take(4), Is.EqualTo(new byte[] { 0, 0, 1, 0 }), "an ICO file");
        });
    }

    [Test]
    public async Task The_page_names_each_language_it_has_texts_for_and_serves_them()
    {
        using var http = Factory.CreateClient();
        var html = await http.GetStringAsync("/checkout/anything1234");
        var languages = Regex.Match(html, "<meta name=\"commerce-languages\" content=\"([^\"]*)\">").Groups[1].Value
            .Split(' ').Select(l => l.Split(':')).ToDictionary(l => l[0], l => l[1]);

        Assert.That(languages.Keys, Is.SupersetOf(new[] { "en", "it", "de", "fr", "es" }));
        var italian = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync($"/checkout/assets/i18n-it.json?v={languages["it"]}"))!;
        Assert.That(italian["place_order"]!.GetValue<string>(), Is.EqualTo("Conferma l'ordine"));
    }

    [Test]
    public void Each_embedded_language_translates_every_english_text()
    {
        var directory = Path.Combine(RepositoryRoot(), "src", "Commerce.Api", "Checkout", "Page", "i18n");
        var english = Texts(Path.Combine(directory, "en.json"));

        Assert.Multiple(() =>
        {
            foreach (var language in new[] { "it", "de", "fr", "es" })
            {
                var texts = Texts(Path.Combine(directory, $"{language}.json"));
                Assert.That(texts.Keys, Is.EquivalentTo(english.Keys), $"{language}.json has the English keys, no more");
                Assert.That(texts.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key), Is.Empty, $"{language}.json has no empty text");
                // Every {placeholder} of the English text is in the translation too.
                foreach (var (key, text) in english)
                    foreach (Match placeholder in Regex.Matches(text, "\\{[a-z_]+\\}"))
                        Assert.That(texts.GetValueOrDefault(key), Does.Contain(placeholder.Value), $"{language}.json '{key}'");
            }
        });
    }

    [Test]
    public async Task Text_assets_are_sent_gzipped_to_a_client_that_takes_gzip()
    {
        using var http = Factory.CreateClient();
        var html = await http.GetStringAsync("/checkout/anything1234");
        var url = Regex.Match(html, "/checkout/assets/checkout\\.js\\?v=[0-9a-f]{16}").Value;
        var plain = await http.GetByteArrayAsync(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        using var compressed = await http.SendAsync(request);
        await using var unzip = new System.IO.Compression.GZipStream(await compressed.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        using var body = new MemoryStream();
        await unzip.CopyToAsync(body);

        Assert.Multiple(() =>
        {
            Assert.That(compressed.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "gzip" }));
            Assert.That(compressed.Headers.Vary, Does.Contain("Accept-Encoding"));
            Assert.That(compressed.Content.Headers.ContentLength, Is.LessThan(plain.Length / 2));
            Assert.That(body.ToArray(), Is.EqualTo(plain));
        });
    }

    private static Dictionary<string, string> Texts(string path) =>
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))!;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Commerce.sln")))
                return directory.FullName;
        throw new InvalidOperationException("Commerce.sln not found above the test's directory.");
    }

    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
