using System.Net;
using System.Text;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Commerce.IntegrationTests.OpenApi;

/// <summary>
/// The OpenAPI document the service serves is the committed <c>openapi/commerce.json</c>, and it is valid.
/// Regenerate the committed file with
/// <c>COMMERCE_UPDATE_OPENAPI=1 dotnet test test/Commerce.IntegrationTests --filter FullyQualifiedName~Serving_the_openapi_document</c>.
/// </summary>
public class Serving_the_openapi_document : ApiFixture
{
    public const string RegenerateCommand = "COMMERCE_UPDATE_OPENAPI=1 dotnet test test/Commerce.IntegrationTests --filter FullyQualifiedName~Serving_the_openapi_document";

    private async Task<string> ServedAsync()
    {
        using var http = Factory.CreateClient();
        using var response = await http.GetAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return Normalize(await response.Content.ReadAsStringAsync());
    }

    private static string Normalize(string json) => json.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    public static string CommittedPath
    {
        get
        {
            var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Commerce.sln")))
                directory = directory.Parent;
            return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Commerce.sln not found above the test directory."), "openapi", "commerce.json");
        }
    }

    [Test]
    public async Task The_served_document_is_the_committed_one()
    {
        var served = await ServedAsync();
        var path = CommittedPath;
        if (Environment.GetEnvironmentVariable("COMMERCE_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, served, new UTF8Encoding(false));
            Assert.Pass($"Wrote {path}.");
        }
        var committed = File.Exists(path) ? Normalize(await File.ReadAllTextAsync(path)) : "";
        if (served == committed)
            return;
        var servedLines = served.Split('\n');
        var committedLines = committed.Split('\n');
        var first = Enumerable.Range(0, Math.Min(servedLines.Length, committedLines.Length)).FirstOrDefault(i => servedLines[i] != committedLines[i], Math.Min(servedLines.Length, committedLines.Length));
        Assert.Fail($"openapi/commerce.json differs from the document the service serves (first difference at line {first + 1}:\n"
            + $"  committed: {committedLines.ElementAtOrDefault(first)}\n  served:    {servedLines.ElementAtOrDefault(first)}).\n"
            + $"If the change is intended, regenerate it with\n  {RegenerateCommand}\nand commit it.");
    }

    [Test]
    public async Task The_document_passes_the_OpenAPI_reader_with_no_errors()
    {
        var served = await ServedAsync();
        var result = OpenApiDocument.Parse(served, "json", new OpenApiReaderSettings());
        Assert.That(result.Diagnostic, Is.Not.Null);
        Assert.That(result.Diagnostic!.Errors.Select(e => $"{e.Pointer}: {e.Message}"), Is.Empty);
        Assert.That(result.Diagnostic.SpecificationVersion, Is.EqualTo(OpenApiSpecVersion.OpenApi3_0));
        var document = result.Document!;
        var validationErrors = document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.Select(e => $"{e.Pointer}: {e.Message}").ToList() ?? [];
        Assert.That(validationErrors, Is.Empty);
    }

    [Test]
    public async Task Every_resource_has_its_paths_schemas_and_JSON_API_media_type()
    {
        var document = OpenApiDocument.Parse(await ServedAsync(), "json").Document!;
        Assert.Multiple(() =>
        {
            foreach (var path in new[] { "/api/orders", "/api/orders/{id}", "/api/orders/{id}/line_items", "/api/orders/{id}/relationships/payment_source", "/oauth/token" })
                Assert.That(document.Paths.ContainsKey(path), path);
            var orders = document.Paths["/api/orders/{id}"].Operations!;
            Assert.That(orders.Keys, Is.SupersetOf(new[] { HttpMethod.Get, HttpMethod.Patch, HttpMethod.Delete }));
            var update = orders[HttpMethod.Patch];
            Assert.That(update.RequestBody!.Content!.Keys, Is.EqualTo(new[] { "application/vnd.api+json" }));
            Assert.That(update.Responses!.Keys, Is.SupersetOf(new[] { "200", "400", "401", "403", "404", "409", "415", "422", "429", "502" }));
            Assert.That(update.Parameters!.Select(p => p.Name), Does.Contain("Idempotency-Key").And.Contain("include").And.Contain("fields[orders]"));
            var list = document.Paths["/api/skus"].Operations![HttpMethod.Get];
            Assert.That(list.Parameters!.Select(p => p.Name), Is.SupersetOf(new[] { "include", "fields[skus]", "sort", "page[number]", "page[size]", "filter[q]" }));
            Assert.That(list.Security, Is.Not.Empty);

            var schemas = document.Components!.Schemas!;
            var place = schemas["orders_update_attributes"].Properties!["_place"];
            Assert.That(place.WriteOnly, Is.True);
            Assert.That(place.Description, Does.Contain("Places the order"));
            Assert.That(schemas["orders_update_attributes"].Properties!["_approve"].Description, Does.Contain("Only an integration"));
            Assert.That(schemas["orders_attributes"].Properties!.Keys, Does.Contain("number").And.Not.Contain("_place"));
            Assert.That(schemas["orders_create_attributes"].Properties!.Keys, Does.Contain("currency_code").And.Not.Contain("number"));
            Assert.That(schemas["orders_update_attributes"].Properties!.Keys, Does.Not.Contain("currency_code"));
            Assert.That(schemas["external_payments_or_wire_transfers_identifier"].Properties!["type"].Enum!.Select(e => e.ToString()),
                Is.EqualTo(new[] { "external_payments", "wire_transfers" }));
            Assert.That(schemas["skus_filter"].Properties!.Keys, Does.Contain("code_eq").And.Contain("code_gt"));
            Assert.That(document.Components.SecuritySchemes!.Keys, Is.EquivalentTo(new[] { "oauth2", "bearer" }));
            var oauth = document.Components.SecuritySchemes["oauth2"].Flows!;
            Assert.That(oauth.ClientCredentials!.TokenUrl!.ToString(), Is.EqualTo("/oauth/token"));
            Assert.That(oauth.Password!.TokenUrl!.ToString(), Is.EqualTo("/oauth/token"));
        });
    }

    [Test]
    public async Task Swagger_UI_is_served_at_swagger()
    {
        using var http = Factory.CreateClient();
        using var response = await http.GetAsync(new Uri("/swagger/index.html", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("swagger-ui"));
    }
}
