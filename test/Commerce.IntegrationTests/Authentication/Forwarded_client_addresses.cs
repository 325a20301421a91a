using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Authentication;

/// <summary>
/// Behind a reverse proxy, the per-IP limits follow the client's address the proxy forwards, but only from a proxy listed in
/// <c>Limits:TrustedProxies</c>: anyone else's <c>X-Forwarded-For</c> is ignored.
/// </summary>
public sealed class Forwarded_client_addresses : ApiFixture
{
    private const int PerIp = 3;
    private static readonly IPAddress TrustedProxy = IPAddress.Parse("10.0.0.1");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Limits:PerIpPerMinute"] = PerIp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Limits:TrustedProxies:0"] = TrustedProxy.ToString(),
    };

    /// <summary>A client whose requests arrive from <paramref name="sender"/> (the TCP peer), with the integration's token.</summary>
    private async Task<HttpClient> FromAsync(IPAddress sender)
    {
        var token = await Factory.GetTokenAsync(new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = CommerceFactory.IntegrationId, ["client_secret"] = CommerceFactory.IntegrationSecret,
        });
        var http = new HttpClient(Factory.Server.CreateHandler(context => context.Connection.RemoteIpAddress = sender)) { BaseAddress = new Uri("http://localhost/") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        http.DefaultRequestHeaders.Accept.ParseAdd(JsonApiClient.MediaType);
        return http;
    }

    private static async Task<HttpStatusCode> GetAsync(HttpClient http, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/skus?page[size]=1");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Test]
    public async Task An_untrusted_senders_forwarded_for_is_ignored()
    {
        using var http = await FromAsync(IPAddress.Parse("198.51.100.7"));

        // Every request claims another client address: were it believed, no address would ever reach the limit.
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= PerIp * 3 && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
            statuses.Add(await GetAsync(http, $"203.0.113.{i}"));

        Assert.That(statuses, Does.Contain(HttpStatusCode.TooManyRequests), "the sender's own address is limited");
    }

    [Test]
    public async Task A_trusted_proxys_forwarded_for_is_the_client_address_the_limit_follows()
    {
        using var http = await FromAsync(TrustedProxy);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < PerIp * 3 && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
            statuses.Add(await GetAsync(http, "192.0.2.10"));
        var anotherClient = await GetAsync(http, "192.0.2.11");

        Assert.That(statuses, Does.Contain(HttpStatusCode.TooManyRequests), "one forwarded client is limited");
        Assert.That(anotherClient, Is.EqualTo(HttpStatusCode.OK), "another client behind the same proxy is not");
    }
}
