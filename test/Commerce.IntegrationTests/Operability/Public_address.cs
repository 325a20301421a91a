using System.Text;
using System.Text.Json;
using Commerce.Api.Webhooks;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Operability;

/// <summary>
/// The links and names of the service (an order's checkout_url, the token issuer, the organization's domain and logo,
/// the webhooks' links) follow its public address: <c>PublicBaseUrl</c>, or by default the first address of <c>Urls</c>.
/// A setting given itself wins.
/// </summary>
public sealed class Public_address
{
    private sealed record Seen(string CheckoutUrl, string Issuer, string? Domain, string? LogoUrl, Uri WebhookApiBase);

    private static async Task<Seen> StartAndLookAsync(Dictionary<string, string?> settings)
    {
        using var factory = new CommerceFactory(settings);
        var token = await factory.GetTokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = CommerceFactory.IntegrationId, ["client_secret"] = CommerceFactory.IntegrationSecret });
        var api = factory.CreateApiClient(token);
        using var http = api.Http;
        var order = await new CheckoutBuilder(api).BuildAsync();
        var organization = (await api.GetAsync("organization")).Attributes;
        return new Seen(
            (await api.OrderAsync(order.Id)).Text("checkout_url")!,
            IssuerOf(token),
            organization.Text("domain"),
            organization.Text("logo_url"),
            factory.Services.GetRequiredService<WebhookOptions>().PublicApiBase);
    }

    private static string IssuerOf(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement.GetProperty("iss").GetString()!;
    }

    [Test]
    public async Task A_service_started_on_another_port_links_to_that_port()
    {
        var seen = await StartAndLookAsync(new() { ["Urls"] = "http://127.0.0.1:5071" });

        Assert.That(seen.CheckoutUrl, Does.StartWith("http://127.0.0.1:5071/checkout/"));
        Assert.That(seen.Issuer, Is.EqualTo("http://127.0.0.1:5071/"));
        Assert.That(seen.Domain, Is.EqualTo("127.0.0.1:5071"));
        Assert.That(seen.LogoUrl, Is.EqualTo("http://127.0.0.1:5071/checkout/assets/demo-logo.svg"), "the demo's logo is a path under the public address");
        Assert.That(seen.WebhookApiBase, Is.EqualTo(new Uri("http://127.0.0.1:5071/api")));
    }

    [Test]
    public async Task PublicBaseUrl_names_the_address_clients_use_behind_a_proxy()
    {
        var seen = await StartAndLookAsync(new() { ["Urls"] = "http://127.0.0.1:5071", ["PublicBaseUrl"] = "https://shop.example.com/store" });

        Assert.That(seen.CheckoutUrl, Does.StartWith("https://shop.example.com/store/checkout/"));
        Assert.That(seen.Issuer, Is.EqualTo("https://shop.example.com/store/"));
        Assert.That(seen.Domain, Is.EqualTo("shop.example.com"));
        Assert.That(seen.LogoUrl, Is.EqualTo("https://shop.example.com/store/checkout/assets/demo-logo.svg"));
        Assert.That(seen.WebhookApiBase, Is.EqualTo(new Uri("https://shop.example.com/store/api")));
    }

    [Test]
    public async Task A_wildcard_listen_address_is_linked_as_localhost()
    {
        var seen = await StartAndLookAsync(new() { ["Urls"] = "http://0.0.0.0:5072;http://127.0.0.1:5073" });

        Assert.That(seen.CheckoutUrl, Does.StartWith("http://localhost:5072/checkout/"));
        Assert.That(seen.Issuer, Is.EqualTo("http://localhost:5072/"));
    }

    [Test]
    public async Task A_setting_given_itself_wins_over_the_public_address()
    {
        var seen = await StartAndLookAsync(new()
        {
            ["PublicBaseUrl"] = "https://shop.example.com/",
            ["Checkout:BaseUrl"] = "https://pay.example.com/c",
            ["Auth:Issuer"] = "https://auth.example.com/",
            ["Organization:Domain"] = "acme.example",
            ["Organization:LogoUrl"] = "https://cdn.example.com/logo.svg",
            ["Webhooks:PublicApiBase"] = "https://api.example.com/v1",
        });

        Assert.That(seen.CheckoutUrl, Does.StartWith("https://pay.example.com/c/"));
        Assert.That(seen.Issuer, Is.EqualTo("https://auth.example.com/"));
        Assert.That(seen.Domain, Is.EqualTo("acme.example"));
        Assert.That(seen.LogoUrl, Is.EqualTo("https://cdn.example.com/logo.svg"));
        Assert.That(seen.WebhookApiBase, Is.EqualTo(new Uri("https://api.example.com/v1")));
    }
}
