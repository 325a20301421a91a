using System.Text;
using Commerce.Api.GraphQL;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.IntegrationTests.OpenApi;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.GraphQL;

/// <summary>
/// Every GraphQL schema the service serves is committed in SDL beside the OpenAPI document (<c>openapi/&lt;name&gt;.graphql</c>,
/// named by its endpoint). Regenerate them with
/// <c>COMMERCE_UPDATE_OPENAPI=1 dotnet test test/Commerce.IntegrationTests --filter FullyQualifiedName~Committed_GraphQL_schemas</c>.
/// </summary>
public sealed class Committed_GraphQL_schemas : ApiFixture
{
    public const string RegenerateCommand = "COMMERCE_UPDATE_OPENAPI=1 dotnet test test/Commerce.IntegrationTests --filter FullyQualifiedName~Committed_GraphQL_schemas";

    [Test]
    public async Task Each_served_schema_is_the_committed_SDL()
    {
        var transport = Factory.Services.GetRequiredService<GraphQLTransport>();
        var endpoints = Factory.Services.GetServices<GraphQLEndpoint>().ToList();
        Assert.That(endpoints.Select(e => e.Path), Does.Contain("/graphql"));
        var directory = Path.GetDirectoryName(Serving_the_openapi_document.CommittedPath)!;
        var update = Environment.GetEnvironmentVariable("COMMERCE_UPDATE_OPENAPI") == "1";
        foreach (var endpoint in endpoints)
        {
            var served = transport.Sdl(endpoint);
            var path = Path.Combine(directory, endpoint.SdlFileName);
            if (update)
            {
                await File.WriteAllTextAsync(path, served, new UTF8Encoding(false));
                continue;
            }
            var committed = File.Exists(path) ? (await File.ReadAllTextAsync(path)).Replace("\r\n", "\n", StringComparison.Ordinal) : "";
            if (served == committed)
                continue;
            var servedLines = served.Split('\n');
            var committedLines = committed.Split('\n');
            var first = Enumerable.Range(0, Math.Min(servedLines.Length, committedLines.Length)).FirstOrDefault(i => servedLines[i] != committedLines[i], Math.Min(servedLines.Length, committedLines.Length));
            Assert.Fail($"openapi/{endpoint.SdlFileName} differs from the schema served at {endpoint.Path} (first difference at line {first + 1}:\n"
                + $"  committed: {committedLines.ElementAtOrDefault(first)}\n  served:    {servedLines.ElementAtOrDefault(first)}).\n"
                + $"If the change is intended, regenerate it with\n  {RegenerateCommand}\nand commit it.");
        }
        if (update)
            Assert.Pass($"Wrote {endpoints.Count} schema(s) to {directory}.");
    }

    [Test]
    public void Every_endpoint_has_its_own_path_and_file()
    {
        var endpoints = Factory.Services.GetServices<GraphQLEndpoint>().ToList();
        Assert.That(endpoints, Is.Not.Empty);
        Assert.That(endpoints.Select(e => e.Path), Is.Unique);
        Assert.That(endpoints.Select(e => e.SdlFileName), Is.Unique.And.All.EndsWith(".graphql"));
    }
}
