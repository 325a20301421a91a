using System.Net;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.IntegrationTests.Operability;

public sealed class Request_correlation : ApiFixture
{
    private readonly CapturingLoggerProvider _logs = new();

    protected override Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? Configure =>
        builder => builder.ConfigureLogging(logging => logging.AddProvider(_logs));

    private static Dictionary<string, string> RequestId(string id) => new() { ["X-Request-Id"] = id };

    [Test]
    public async Task A_well_formed_request_id_comes_back_on_the_response_and_in_every_error()
    {
        var response = await Api.SendAsync(HttpMethod.Get, "skus?filter[q][description_eq]=x&sort=nope", null, headers: RequestId("checkout-42.abc"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Headers.GetValues("X-Request-Id"), Is.EqualTo(new[] { "checkout-42.abc" }));
        Assert.That(response.Errors.Select(e => e!["meta"]!["request_id"]!.GetValue<string>()), Is.Not.Empty.And.All.EqualTo("checkout-42.abc"));
    }

    [Test]
    public async Task A_malformed_or_missing_request_id_is_replaced_by_a_generated_one()
    {
        var malformed = await Api.SendAsync(HttpMethod.Get, "skus/nothing-here", null, headers: RequestId("not well formed!"));
        var missing = await Api.GetAsync("skus/nothing-here");

        var generated = malformed.Headers.GetValues("X-Request-Id").Single();
        Assert.That(generated, Is.Not.EqualTo("not well formed!").And.Match("^[0-9a-f]{32}$"));
        Assert.That(malformed.Error["meta"]!["request_id"]!.GetValue<string>(), Is.EqualTo(generated));
        Assert.That(missing.Headers.GetValues("X-Request-Id").Single(), Is.Not.EqualTo(generated).And.Match("^[0-9a-f]{32}$"));
    }

    [Test]
    public async Task Errors_written_outside_the_endpoints_carry_the_request_id_too()
    {
        using var anonymous = Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/skus");
        request.Headers.Add("X-Request-Id", "no-token-1");

        using var response = await anonymous.SendAsync(request);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(body["errors"]![0]!["meta"]!["request_id"]!.GetValue<string>(), Is.EqualTo("no-token-1"));
    }

    [Test]
    public async Task Every_request_writes_one_line_with_method_route_status_duration_application_and_request_id()
    {
        var id = "line-" + Guid.NewGuid().ToString("N");

        await Api.SendAsync(HttpMethod.Get, "skus?page[size]=1", null, headers: RequestId(id));

        var lines = _logs.Entries.Where(e => e.Category == "Commerce.Api.Hosting.RequestLogging" && Equals(e.Values.GetValueOrDefault("RequestId"), id)).ToList();
        Assert.That(lines, Has.Count.EqualTo(1));
        var line = lines[0].Values;
        Assert.That(line["Method"], Is.EqualTo("GET"));
        Assert.That(line["Route"], Is.EqualTo("/api/skus/"));
        Assert.That(line["StatusCode"], Is.EqualTo(200));
        Assert.That(line["DurationMs"], Is.TypeOf<double>().And.GreaterThan(0));
        Assert.That(line["ApplicationId"], Is.Not.EqualTo("-").And.Not.Null);
    }
}
