using Commerce.Api.Hosting;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Commerce.IntegrationTests.Operability;

/// <summary>The start-up check on its own: the shipped settings pass, and every wrong value is named.</summary>
public sealed class Configuration_values
{
    private static IConfiguration Shipped(string environment, IDictionary<string, string?>? overrides = null)
    {
        var folder = Path.GetDirectoryName(ServiceProcess.ApiDll)!;
        return new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(folder, "appsettings.json"))
            .AddJsonFile(Path.Combine(folder, $"appsettings.{environment}.json"), optional: true)
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();
    }

    [TestCase("Production")]
    [TestCase("Development")]
    public void The_shipped_settings_pass(string environment) =>
        Assert.That(ConfigurationCheck.Problems(Shipped(environment)), Is.Empty);

    [Test]
    public void Good_values_of_every_kind_pass()
    {
        var problems = ConfigurationCheck.Problems(Shipped("Production", new Dictionary<string, string?>
        {
            ["Database:Provider"] = "postgresql",
            ["ConnectionStrings:Commerce"] = "Host=db;Database=commerce;Username=u;Password=p",
            ["Payments:GatewayTimeoutSeconds"] = "2.5",
            ["Idempotency:AbandonedAfterSeconds"] = "600",
            ["Payments:External:AuthorizeUrl"] = "https://pay.example.com/authorize",
            ["Auth:Issuer"] = "https://shop.example.com/",
            ["HostOptions:ShutdownTimeout"] = "00:01:00",
            ["Telemetry:OtlpEndpoint"] = "http://collector:4317",
            ["Telemetry:PrometheusEndpoint"] = "true",
        }));

        Assert.That(problems, Is.Empty);
    }

    [TestCase("15", false)]
    [TestCase("20", false)]
    [TestCase("20.5", true)]
    public void The_reconciler_waits_longer_than_a_placements_gateway_calls(string reconcileAfterSeconds, bool accepted)
    {
        var problems = ConfigurationCheck.Problems(Shipped("Production", new Dictionary<string, string?>
        {
            ["Database:Provider"] = "postgresql",
            ["ConnectionStrings:Commerce"] = "Host=db;Database=commerce;Username=u;Password=p",
            ["Auth:Issuer"] = "https://shop.example.com/",
            ["Payments:GatewayTimeoutSeconds"] = "10",
            ["Payments:ReconcileAfterSeconds"] = reconcileAfterSeconds,
        }));

        Assert.That(problems.Any(p => p.Contains("twice Payments:GatewayTimeoutSeconds", StringComparison.Ordinal)), Is.EqualTo(!accepted), string.Join("\n", problems));
    }

    [TestCase("ftp://shop.example.com")]
    [TestCase("shop.example.com")]
    [TestCase("https://shop.example.com/?x=1")]
    public void A_public_base_url_that_is_not_an_http_address_is_named(string value)
    {
        var problems = ConfigurationCheck.Problems(Shipped("Production", new Dictionary<string, string?> { ["PublicBaseUrl"] = value }));

        Assert.That(problems, Is.EqualTo(new[] { $"PublicBaseUrl is '{value}': expected an absolute http or https URL without a query, e.g. https://shop.example.com/" }));
    }

    [Test]
    public void Every_wrong_value_is_named_at_once()
    {
        var problems = ConfigurationCheck.Problems(Shipped("Production", new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:Commerce"] = "this is = not ; a = connection = string",
            ["Payments:GatewayTimeoutSeconds"] = "30",
            ["Payments:ReconcileAfterSeconds"] = "20",
            ["Idempotency:AbandonedAfterSeconds"] = "20",
            ["Payments:External:AuthorizeUrl"] = "ftp://pay.example.com",
            ["Auth:RefreshTokenLifetimeDays"] = "9999",
            ["Limits:MaxRequestBodyBytes"] = "1.5",
            ["Limits:CorsAllowedOrigins:0"] = "https://shop.example.com/checkout",
            ["Telemetry:OtlpProtocol"] = "carrier-pigeon",
            ["Database:SeedDemoData"] = "yes",
        }));

        Assert.That(problems, Has.Count.EqualTo(9), string.Join("\n", problems));
        Assert.That(string.Join("\n", problems), Does.Not.Contain("not ; a"), "a connection string is never quoted: it may hold a password");
    }

    [Test]
    public void Every_unreadable_value_of_one_section_is_named_and_the_sections_other_rules_still_apply()
    {
        var problems = ConfigurationCheck.Problems(Shipped("Production", new Dictionary<string, string?>
        {
            ["Limits:MaxRequestBodyBytes"] = "1.5",
            ["Limits:PerIpPerMinute"] = "many",
            ["Limits:PerCallerPerMinute"] = "0",
            ["Outbox:PollSeconds"] = "soon",
        }));

        Assert.That(problems, Is.EquivalentTo(new[]
        {
            "Limits:MaxRequestBodyBytes is '1.5': expected a whole number",
            "Limits:PerIpPerMinute is 'many': expected a whole number",
            "Limits:PerCallerPerMinute is 0: it must be between 1 and 2147483647",
            "Outbox:PollSeconds is 'soon': expected a number",
        }), string.Join("\n", problems));
    }

    [Test]
    public void Trusted_proxies_are_addresses_or_networks_and_caller_limits_numbers()
    {
        var good = ConfigurationCheck.Problems(Shipped("Production", new Dictionary<string, string?>
        {
            ["Limits:TrustedProxies:0"] = "10.0.0.1", ["Limits:TrustedProxies:1"] = "172.16.0.0/12", ["Limits:TrustedProxies:2"] = "fd00::/8",
            ["Limits:PerCallerPerMinute"] = "300",
        }));
        var bad = ConfigurationCheck.Problems(Shipped("Production", new Dictionary<string, string?>
        {
            ["Limits:TrustedProxies:0"] = "proxy.example.com", ["Limits:TrustedProxies:1"] = "10.0.0.0/33", ["Limits:PerCallerPerMinute"] = "0",
        }));

        Assert.That(good, Is.Empty);
        Assert.That(bad, Has.Count.EqualTo(3), string.Join("\n", bad));
        Assert.That(string.Join("\n", bad), Does.Contain("Limits:TrustedProxies:0 is 'proxy.example.com'").And.Contain("Limits:PerCallerPerMinute is 0"));
    }
}
