using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Authentication;

/// <summary>Rate limits, body size and CORS, with small limits so the tests are quick.</summary>
public sealed class Abuse_protection : ApiFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Limits:TokenRequestsPerIpPerMinute"] = "5",
        ["Limits:MaxRequestBodyBytes"] = "2048",
        ["Limits:CorsAllowedOrigins:0"] = "https://checkout.example.com",
    };

    [Test]
    public async Task A_burst_on_the_token_endpoint_is_429_rate_limited_with_retry_after()
    {
        using var http = Factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 8; i++)
        {
            last?.Dispose();
            last = await http.PostAsync("/oauth/token", new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", CommerceFactory.SalesChannelId)]));
            statuses.Add(last.StatusCode);
        }

        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.LessThanOrEqualTo(5));
        Assert.That(statuses.Last(), Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(last!.Headers.RetryAfter, Is.Not.Null);
        Assert.That(last.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/vnd.api+json"));
        Assert.That(await last.Content.ReadAsStringAsync(), Does.Contain("RATE_LIMITED"));
        last.Dispose();
    }

    [Test]
    public async Task A_body_over_the_limit_is_413()
    {
        var response = await Api.SendAsync(HttpMethod.Post, "skus", null, rawBody: $"{{\"data\":{{\"type\":\"skus\",\"attributes\":{{\"name\":\"{new string('x', 4096)}\"}}}}}}");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(response.Error["code"]!.GetValue<string>(), Is.EqualTo("PAYLOAD_TOO_LARGE"));
    }

    [TestCase("https://checkout.example.com", true)]
    [TestCase("https://evil.example.com", false)]
    public async Task Only_configured_origins_may_call_from_a_browser(string origin, bool allowed)
    {
        using var http = Factory.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/orders");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "PATCH");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        using var response = await http.SendAsync(preflight);

        Assert.That(response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Contains(origin), Is.EqualTo(allowed));
    }
}
