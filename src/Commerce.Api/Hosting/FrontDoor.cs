using System.Text.Json;
using Commerce.Api.Authentication;

namespace Commerce.Api.Hosting;

/// <summary>
/// <c>GET /</c>, a newcomer's first click: where the API, its description, Swagger UI, health and tokens are. A small HTML
/// page for a browser (an <c>Accept</c> that names <c>text/html</c>), the same links as JSON for anything else. Relative
/// links, so they hold behind any host name or proxy. Not part of the API's description.
/// </summary>
internal static class FrontDoor
{
    private static readonly (string Name, string Href, string Text)[] Links =
    [
        ("api", "/api", "The JSON:API, under /api: every request needs a bearer token"),
        ("token", TokenServer.TokenPath, "Tokens: POST /oauth/token"),
        ("swagger_ui", "/swagger", "Swagger UI: try every operation"),
        ("openapi", "/swagger/v1/swagger.json", "The OpenAPI document: every resource, filter and error"),
        ("health", Health.ReadyPath, "Health: ready"),
    ];

    private static readonly byte[] Json = JsonSerializer.SerializeToUtf8Bytes(new
    {
        name = "Commerce",
        description = "A self-hosted order API: JSON:API with the conventions of Commerce Layer. The README in the source describes it.",
        links = Links.ToDictionary(l => l.Name, l => l.Href),
    });

    private static readonly byte[] Html = System.Text.Encoding.UTF8.GetBytes(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Commerce</title></head><body><h1>Commerce</h1>"
        + "<p>A self-hosted order API: JSON:API with the conventions of Commerce Layer. The README in the source describes it.</p><ul>"
        + string.Concat(Links.Select(l => $"<li><a href=\"{l.Href}\">{l.Href}</a>: {System.Net.WebUtility.HtmlEncode(l.Text)}</li>"))
        + "</ul></body></html>");

    public static IEndpointRouteBuilder MapFrontDoor(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], (HttpContext context) =>
        {
            context.Response.Headers.Vary = "Accept";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            if (!context.Request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase)))
                return Results.Bytes(Json, "application/json");
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
            return Results.Bytes(Html, "text/html; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }
}
