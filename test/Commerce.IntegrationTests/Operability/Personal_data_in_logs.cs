using System.Net;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.IntegrationTests.Operability;

/// <summary>Sign-ins at the log levels the service ships with (appsettings.json): no customer's email reaches the log.</summary>
public sealed class Personal_data_in_logs : ApiFixture
{
    private readonly CapturingLoggerProvider _logs = new();

    protected override Action<IWebHostBuilder>? Configure => builder => builder.ConfigureLogging(logging => logging.AddProvider(_logs));

    [Test]
    public async Task A_password_grant_leaves_no_email_in_the_log_at_default_levels()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var unknown = $"{Guid.NewGuid():N}@example.com";
        Assert.That((await Api.PostAsync("customers", Document("customers", new { email, password = "long enough" }))).Status, Is.EqualTo(HttpStatusCode.Created));

        var signedIn = await Factory.SignInAsync(email, "long enough");
        var (wrongPassword, _) = await Factory.PostTokenAsync(new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = CommerceFactory.SalesChannelId, ["username"] = email, ["password"] = "wrong password",
        }));
        var (unknownEmail, _) = await Factory.PostTokenAsync(new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = CommerceFactory.SalesChannelId, ["username"] = unknown, ["password"] = "long enough",
        }));
        var (refreshed, _) = await Factory.RefreshAsync(signedIn.GetProperty("refresh_token").GetString()!);

        Assert.That(wrongPassword, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(unknownEmail, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(refreshed, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_logs.Entries.Count(e => e.Category == "Commerce.Api.Hosting.RequestLogging"), Is.GreaterThanOrEqualTo(5), "the capture saw the traffic");
        foreach (var address in new[] { email, unknown })
        {
            var leaks = _logs.Entries.Where(e => e.Text.Contains(address, StringComparison.OrdinalIgnoreCase))
                .Select(e => $"{e.Category} {e.Level} {e.EventId.Name}").Distinct().ToList();
            Assert.That(leaks, Is.Empty, "an email is in the log");
        }
    }
}
