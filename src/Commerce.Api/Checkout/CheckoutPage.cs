using System.Security.Cryptography;
using System.Text.Encodings.Web;

namespace Commerce.Api.Checkout;

/// <summary>
/// The hosted checkout page: <c>GET /checkout/{order id}</c> serves one static HTML page, and
/// <c>/checkout/assets/{name}</c> its CSS and JavaScript. The files are embedded resources
/// (<c>Checkout/Page/</c>), loaded once at start-up. The page is a client of the public API only
/// (<c>/oauth/token</c> with <see cref="CheckoutOptions.ClientId"/>, then <c>/api</c>); the client id
/// reaches it in a <c>meta</c> element, so no inline script is needed and the policy forbids any.
/// Every id gets the page: an unknown order is the API's 404, which the page shows.
/// </summary>
internal static class CheckoutPage
{
    public const string PathPrefix = "/checkout";
    public const string AssetsPath = PathPrefix + "/assets";

    /// <summary>Scripts, styles and requests from this origin only; no inline code, no framing, no form posts.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        + "form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Asset URLs carry their content hash (<c>?v=</c>): with the current hash they may be cached for a year.</summary>
    public const string ImmutableCaching = "public, max-age=31536000, immutable";
    public const string Revalidate = "no-cache";

    public static IServiceCollection AddCheckoutPage(this IServiceCollection services, CheckoutOptions options) =>
        services.AddSingleton(CheckoutFiles.Load(options));

    public static IEndpointRouteBuilder MapCheckoutPage(this IEndpointRouteBuilder endpoints)
    {
        var files = endpoints.ServiceProvider.GetRequiredService<CheckoutFiles>();
        // Not JSON:API and not part of the API's description.
        var group = endpoints.MapGroup(PathPrefix).AllowAnonymous().ExcludeFromDescription();
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        group.MapMethods("/assets/{name}", methods, (HttpContext context, string name) =>
            files.Assets.TryGetValue(name, out var asset)
                ? Serve(context, asset, context.Request.Query["v"] == asset.Version ? ImmutableCaching : Revalidate)
                : Results.NotFound());
        group.MapMethods("/{orderId}", methods, (HttpContext context) => Serve(context, files.Page, Revalidate));
        return endpoints;
    }

    private static IResult Serve(HttpContext context, CheckoutFile file, string cacheControl)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // The URL names an order: keep it out of Referer headers.
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = cacheControl;
        headers.ETag = file.ETag;
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && (v == "*" || v.Split(',').Any(t => t.Trim() == file.ETag))))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(file.Body, file.ContentType);
    }
}

/// <summary>One file of the page, ready to send.</summary>
internal sealed record CheckoutFile(string ContentType, byte[] Body)
{
    /// <summary>The first 16 hex digits of the body's SHA-256.</summary>
    public string Version { get; } = Convert.ToHexStringLower(SHA256.HashData(Body))[..16];

    public string ETag => $"\"{Version}\"";
}

/// <summary>The page with the configured client id and the assets' versions filled in, and the assets by name.</summary>
internal sealed class CheckoutFiles(CheckoutFile page, IReadOnlyDictionary<string, CheckoutFile> assets)
{
    private const string ResourcePrefix = "Commerce.Api.Checkout.Page.";

    public CheckoutFile Page { get; } = page;
    public IReadOnlyDictionary<string, CheckoutFile> Assets { get; } = assets;

    public static CheckoutFiles Load(CheckoutOptions options)
    {
        var assets = new Dictionary<string, CheckoutFile>(StringComparer.Ordinal)
        {
            ["checkout.css"] = new("text/css; charset=utf-8", Read("checkout.css")),
            ["checkout.js"] = new("text/javascript; charset=utf-8", Read("checkout.js")),
        };
        var html = System.Text.Encoding.UTF8.GetString(Read("index.html"))
            .Replace("{{client_id}}", HtmlEncoder.Default.Encode(options.ClientId), StringComparison.Ordinal)
            .Replace("{{css_version}}", assets["checkout.css"].Version, StringComparison.Ordinal)
            .Replace("{{js_version}}", assets["checkout.js"].Version, StringComparison.Ordinal);
        return new CheckoutFiles(new CheckoutFile("text/html; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(html)), assets);
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(CheckoutFiles).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The checkout page's {name} is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
