using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Commerce.ReliabilityTests.Infrastructure;

/// <summary>Clients counted in the figures, and the catalog set-up the suite needs.</summary>
public static class Shop
{
    /// <summary>Settings of a service whose <c>external</c> gateway is <paramref name="gateway"/>, with short reconciliation and outbox leases.</summary>
    public static Dictionary<string, string?> Settings(TestDatabase database, FakeGateway gateway, double gatewayTimeoutSeconds = 1.5, double? reconcileAfterSeconds = null)
    {
        var settings = database.FactorySettings();
        foreach (var (key, value) in gateway.Settings(gatewayTimeoutSeconds))
            settings[key] = value;
        settings["Payments:GatewayTimeoutSeconds"] = gatewayTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Payments:ReconcileAfterSeconds"] = (reconcileAfterSeconds ?? gatewayTimeoutSeconds * 2 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Payments:ReconcileIntervalSeconds"] = "0.5";
        settings["Outbox:PollSeconds"] = "0.2";
        settings["Outbox:LeaseSeconds"] = "2";
        settings["Limits:PerCallerPerMinute"] = "1000000";
        settings["Limits:PerApplicationPerMinute"] = "1000000";
        settings["Limits:PerIpPerMinute"] = "1000000";
        return settings;
    }

    /// <summary>The same as environment variables for a child process.</summary>
    public static Dictionary<string, string> ProcessSettings(Dictionary<string, string?> settings) =>
        settings.ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value ?? "");

    /// <summary>A client of the in-process service with an integration token, counting its requests.</summary>
    public static JsonApiClient Client(CommerceFactory factory, Figures.Counters counters, string? token = null)
    {
        var http = factory.CreateDefaultClient(new Uri("http://localhost/api/"), new CountingHandler(counters));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            token ?? factory.GetTokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = CommerceFactory.IntegrationId, ["client_secret"] = CommerceFactory.IntegrationSecret }).GetAwaiter().GetResult());
        return new JsonApiClient(http);
    }

    /// <summary>A client of a child process with an integration token, counting its requests.</summary>
    public static async Task<JsonApiClient> ClientAsync(ServiceProcess service, Figures.Counters counters)
    {
        using var http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsync("oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = CommerceFactory.IntegrationId, ["client_secret"] = CommerceFactory.IntegrationSecret,
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var token = JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString();
        var api = new HttpClient(new CountingHandler(counters) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = new Uri(service.BaseAddress, "api/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new JsonApiClient(api);
    }

    /// <summary>
    /// Card payments in EUR go through the <c>external</c> gateway: the demo's test-gateway card method is disabled and an
    /// external one created, so <see cref="CheckoutBuilder"/> picks it. Idempotent (a restarted service keeps it).
    /// </summary>
    public static async Task UseExternalGatewayAsync(JsonApiClient api)
    {
        var methods = await api.GetAsync("payment_methods?page[size]=25");
        Assert.That(methods.Status, Is.EqualTo(HttpStatusCode.OK), methods.ToString());
        var external = false;
        foreach (var method in methods.Data.AsArray())
        {
            var attributes = method!["attributes"]!;
            if (attributes["payment_source_type"]!.GetValue<string>() != "external_payments" || attributes["currency_code"]!.GetValue<string>() != "EUR")
                continue;
            if (attributes["gateway"]?.GetValue<string>() == "external")
            {
                external = true;
                continue;
            }
            if (attributes["disabled_at"] is null)
            {
                var id = method["id"]!.GetValue<string>();
                var disabled = await api.PatchAsync($"payment_methods/{id}", Document("payment_methods", new { disabled_at = "2020-01-01T00:00:00.000Z" }, id: id));
                Assert.That(disabled.Status, Is.EqualTo(HttpStatusCode.OK), disabled.ToString());
            }
        }
        if (external)
            return;
        var created = await api.PostAsync("payment_methods", Document("payment_methods",
            new { name = "Card (external gateway)", payment_source_type = "external_payments", currency_code = "EUR", gateway = "external" }));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
    }
}
