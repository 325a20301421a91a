using Commerce.Api.Hosting;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Operability;

/// <summary>The built service, started as a child process with one bad setting, refuses to start with one clear line.</summary>
[NonParallelizable]
public sealed class Configuration_checks
{
    [TestCase("Database__Provider", "Oracle", "Database:Provider is 'Oracle'")]
    [TestCase("Payments__GatewayTimeoutSeconds", "0", "Payments:GatewayTimeoutSeconds is 0: it must be between")]
    [TestCase("Payments__ReconcileAfterSeconds", "five", "Payments:ReconcileAfterSeconds is 'five': expected a number")]
    [TestCase("Auth__Issuer", "not a url", "Auth:Issuer is 'not a url': expected an absolute http or https URL")]
    [TestCase("Auth__AccessTokenLifetimeMinutes", "-5", "Auth:AccessTokenLifetimeMinutes is -5")]
    [TestCase("Limits__PerIpPerMinute", "0", "Limits:PerIpPerMinute is 0")]
    [TestCase("HostOptions__ShutdownTimeout", "soon", "HostOptions:ShutdownTimeout is 'soon'")]
    [TestCase("Organization__PrimaryColor", "blue", "Organization:PrimaryColor is 'blue'")]
    public async Task A_bad_setting_stops_the_service_with_one_clear_message_and_a_non_zero_exit_code(string key, string value, string message)
    {
        await using var service = ServiceProcess.Start(new Dictionary<string, string> { [key] = value });

        var exitCode = await service.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var stderr = service.StandardError.Trim();
        Assert.That(exitCode, Is.EqualTo(ConfigurationCheck.ExitCode), stderr + service.StandardOutput);
        Assert.That(stderr, Does.StartWith("Commerce cannot start, the configuration is invalid: ").And.Contain(message));
        Assert.That(stderr.Split('\n'), Has.Length.EqualTo(1), "one line, no stack trace");
        Assert.That(service.StandardOutput, Does.Not.Contain("   at "));
    }

    [Test]
    public async Task A_PostgreSql_provider_without_a_connection_string_is_refused()
    {
        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Commerce"] = "",
        });

        var exitCode = await service.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.That(exitCode, Is.EqualTo(ConfigurationCheck.ExitCode));
        Assert.That(service.StandardError, Does.Contain("ConnectionStrings:Commerce is not set, and Database:Provider PostgreSql needs it"));
    }

    [Test]
    public async Task A_database_that_cannot_be_reached_stops_the_service_without_a_stack_trace()
    {
        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Commerce"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=hunter2-secret;Timeout=3",
        });

        var exitCode = await service.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var stderr = service.StandardError.Trim();
        Assert.That(exitCode, Is.Not.Zero);
        Assert.That(stderr, Does.StartWith("Commerce cannot start, the database could not be prepared:"));
        Assert.That(stderr, Does.Not.Contain("   at ").And.Not.Contain("hunter2-secret"));
    }
}
