using System.Net;
using System.Text.Json.Nodes;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Operability;

/// <summary><c>GET /</c>, a newcomer's first click: where the API, its description, Swagger UI and health are.</summary>
public sealed class Front_door : ApiFixture
{
    [Test]
    public async Task The_root_answers_json_with_links_to_the_api_swagger_ui_health_and_the_docs()
    {
        using var http = Factory.CreateClient();

        using var response = await http.GetAsync("/");
        var links = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["links"]!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(links["api"]!.GetValue<string>(), Does.EndWith("/api"));
        Assert.That(links["swagger_ui"]!.GetValue<string>(), Does.EndWith("/swagger"));
        Assert.That(links["openapi"]!.GetValue<string>(), Does.EndWith("/swagger/v1/swagger.json"));
        Assert.That(links["health"]!.GetValue<string>(), Does.EndWith("/health/ready"));
        Assert.That(links["token"]!.GetValue<string>(), Does.EndWith("/oauth/token"));
        foreach (var link in new[] { "swagger_ui", "openapi", "health" })
        {
            using var followed = await http.GetAsync(links[link]!.GetValue<string>());
            Assert.That(followed.StatusCode, Is.EqualTo(HttpStatusCode.OK), link);
        }
    }

    [Test]
    public async Task A_browser_gets_the_same_links_as_a_small_html_page()
    {
        using var http = Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var response = await http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
        Assert.That(html, Does.Contain("href=\"/swagger\"").And.Contain("href=\"/health/ready\"").And.Contain("href=\"/swagger/v1/swagger.json\""));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'none'"));
    }
}
