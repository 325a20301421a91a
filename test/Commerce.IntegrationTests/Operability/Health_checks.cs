using System.Net;
using System.Text.Json.Nodes;
using Commerce.Api.Placement;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Operability;

public sealed class Health_checks : ApiFixture
{
    [Test]
    public async Task Live_answers_200_with_a_JSON_body_and_no_token()
    {
        using var http = Factory.CreateClient();

        using var response = await http.GetAsync("/health/live");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
    }

    [Test]
    public async Task Ready_answers_200_when_the_database_is_migrated_and_the_reconciler_runs()
    {
        using var http = Factory.CreateClient();

        using var response = await http.GetAsync("/health/ready");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
        Assert.That(body["checks"]!["database"]!["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
        Assert.That(body["checks"]!["database"]!["description"]!.GetValue<string>(), Does.Contain("migrated"));
        Assert.That(body["checks"]!["placement_reconciler"]!["description"]!.GetValue<string>(), Is.EqualTo("running"));
    }

    [Test]
    public async Task Ready_answers_503_when_the_reconciler_has_stopped()
    {
        using var factory = new CommerceFactory();
        using var http = factory.CreateClient();
        await factory.Services.GetRequiredService<PlacementReconciler>().StopAsync(CancellationToken.None);

        using var response = await http.GetAsync("/health/ready");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body.ToJsonString());
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("unhealthy"));
        Assert.That(body["checks"]!["placement_reconciler"]!["status"]!.GetValue<string>(), Is.EqualTo("unhealthy"));
        Assert.That(body["checks"]!["database"]!["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
    }

    [Test]
    public async Task Ready_answers_503_when_the_database_is_missing_or_not_migrated()
    {
        var directory = Path.Combine(Path.GetTempPath(), "commerce-tests", Guid.NewGuid().ToString("N"));
        var file = Path.Combine(directory, "commerce.db");
        // Without the outbox's one-second poll, nothing but the readiness check opens the file (SQLite would create it again).
        using var factory = new CommerceFactory(new Dictionary<string, string?> { ["ConnectionStrings:Commerce"] = $"Data Source={file}", ["Outbox:Enabled"] = "false" });
        using var http = factory.CreateClient();
        try
        {
            // The database goes away under the running service, then comes back empty (a wrong file, an old backup).
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
            var missing = await ReadyAsync(http);
            using (var empty = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=false"))
                empty.Open();
            var unmigrated = await ReadyAsync(http);

            Assert.That(missing.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), missing.Body.ToJsonString());
            Assert.That(missing.Body["checks"]!["database"]!["description"]!.GetValue<string>(), Does.Contain("cannot be reached"));
            Assert.That(unmigrated.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), unmigrated.Body.ToJsonString());
            Assert.That(unmigrated.Body["checks"]!["database"]!["description"]!.GetValue<string>(), Does.Contain("not applied"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> ReadyAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/health/ready");
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
