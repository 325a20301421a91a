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

    /// <summary>
    /// Scripts, styles and requests from this origin only; no inline code, no framing, no form posts. Images also from any
    /// https origin (products' images) and from the origins of the organization's logo and favicon (<paramref name="imageOrigins"/>).
    /// </summary>
    public static string ContentSecurityPolicy(IEnumerable<string> imageOrigins) =>
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        + $"img-src {string.Join(' ', new[] { "'self'", "https:" }.Concat(imageOrigins).Distinct(StringComparer.Ordinal))}; "
        + "form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Asset URLs carry their content hash (<c>?v=</c>): with the current hash they may be cached for a year.</summary>
    public const string ImmutableCaching = "public, max-age=31536000, immutable";
    public const string Revalidate = "no-cache";

    public static IServiceCollection AddCheckoutPage(this IServiceCollection services, CheckoutOptions options,
        Commerce.Api.Resources.Organization.OrganizationOptions organization) =>
        services.AddSingleton(CheckoutFiles.Load(options, organization));

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
        // Browsers ask for /favicon.ico whatever the page says: the organization's favicon, or the embedded one.
        endpoints.MapMethods("/favicon.ico", methods, (HttpContext context) => files.FaviconUrl is { } favicon
                ? Results.Redirect(favicon)
                : Serve(context, files.Favicon, "public, max-age=86400"))
            .AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>An Accept-Encoding entry naming gzip without refusing it (<c>q=0</c>).</summary>
    private static bool TakesGzip(string entry)
    {
        var parts = entry.Split(';', StringSplitOptions.TrimEntries);
        return parts[0].Equals("gzip", StringComparison.OrdinalIgnoreCase)
            && !parts.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000");
    }

    private static IResult Serve(HttpContext context, CheckoutFile file, string cacheControl)
    {
        var files = context.RequestServices.GetRequiredService<CheckoutFiles>();
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = files.Policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // The URL names an order: keep it out of Referer headers.
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = cacheControl;
        headers.Vary = "Accept-Encoding";
        // Compressed once at start-up, sent to every client that takes gzip (a slow connection gets a third of the bytes).
        var gzip = file.Gzip is not null && context.Request.Headers.AcceptEncoding.Any(v => v is not null && v.Split(',').Any(TakesGzip));
        var etag = gzip ? file.GzipETag : file.ETag;
        headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && (v == "*" || v.Split(',').Any(t => t.Trim() == etag))))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        if (!gzip)
            return Results.Bytes(file.Body, file.ContentType);
        headers.ContentEncoding = "gzip";
        return Results.Bytes(file.Gzip!, file.ContentType);
    }
}

/// <summary>One file of the page, ready to send.</summary>
internal sealed record CheckoutFile(string ContentType, byte[] Body)
{
    /// <summary>The first 16 hex digits of the body's SHA-256.</summary>
    public string Version { get; } = Convert.ToHexStringLower(SHA256.HashData(Body))[..16];

    public string ETag => $"\"{Version}\"";
    public string GzipETag => $"\"{Version}-gzip\"";

    /// <summary>The body gzipped, when that makes it smaller (text does; the favicon's PNG does not).</summary>
    public byte[]? Gzip { get; } = Compress(Body);

    private static byte[]? Compress(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
            gzip.Write(body);
        return output.Length < body.Length * 9 / 10 ? output.ToArray() : null;
    }
}

/// <summary>
/// The page with the configured client id, the assets' versions and the languages filled in; the assets by name (the CSS,
/// the JavaScript, the demo logo, and one <c>i18n-{language}.json</c> per language); the favicon.
/// </summary>
internal sealed class CheckoutFiles
{
    private const string ResourcePrefix = "Commerce.Api.Checkout.Page.";

    private CheckoutFiles(CheckoutFile page, IReadOnlyDictionary<string, CheckoutFile> assets, CheckoutFile favicon, string? faviconUrl, string policy) =>
        (Page, Assets, Favicon, FaviconUrl, Policy) = (page, assets, favicon, faviconUrl, policy);

    public CheckoutFile Page { get; }
    public IReadOnlyDictionary<string, CheckoutFile> Assets { get; }
    public CheckoutFile Favicon { get; }
    /// <summary>The organization's favicon, where <c>/favicon.ico</c> redirects; null: the embedded one is served.</summary>
    public string? FaviconUrl { get; }
    public string Policy { get; }

    public static CheckoutFiles Load(CheckoutOptions options, Commerce.Api.Resources.Organization.OrganizationOptions organization)
    {
        var assets = new Dictionary<string, CheckoutFile>(StringComparer.Ordinal)
        {
            ["checkout.css"] = new("text/css; charset=utf-8", Read("checkout.css")),
            ["checkout.js"] = new("text/javascript; charset=utf-8", Read("checkout.js")),
            ["demo-logo.svg"] = new("image/svg+xml", Read("demo-logo.svg")),
        };
        var languages = CheckoutTranslations.Load(options.TranslationsDirectory);
        foreach (var (language, body) in languages)
            assets[$"i18n-{language}.json"] = new("application/json; charset=utf-8", body);
        var languageList = string.Join(' ', languages.Keys.Order(StringComparer.Ordinal).Select(l => $"{l}:{assets[$"i18n-{l}.json"].Version}"));
        var html = System.Text.Encoding.UTF8.GetString(Read("index.html"))
            .Replace("{{client_id}}", HtmlEncoder.Default.Encode(options.ClientId), StringComparison.Ordinal)
            .Replace("{{languages}}", HtmlEncoder.Default.Encode(languageList), StringComparison.Ordinal)
            .Replace("{{css_version}}", assets["checkout.css"].Version, StringComparison.Ordinal)
            .Replace("{{js_version}}", assets["checkout.js"].Version, StringComparison.Ordinal);
        var origins = new[] { organization.LogoUrl, organization.FaviconUrl }
            .Where(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp)
            .Select(u => new Uri(u!).GetLeftPart(UriPartial.Authority));
        return new CheckoutFiles(new CheckoutFile("text/html; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(html)), assets,
            new CheckoutFile("image/x-icon", Read("favicon.ico")), string.IsNullOrWhiteSpace(organization.FaviconUrl) ? null : organization.FaviconUrl,
            CheckoutPage.ContentSecurityPolicy(origins));
    }

    internal static byte[] Read(string name)
    {
        using var stream = typeof(CheckoutFiles).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The checkout page's {name} is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    internal static IEnumerable<string> EmbeddedNames(string prefix) =>
        typeof(CheckoutFiles).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix + prefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..]);
}
