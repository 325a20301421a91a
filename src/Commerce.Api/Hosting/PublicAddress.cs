using System.Text.RegularExpressions;

namespace Commerce.Api.Hosting;

/// <summary>
/// The service's public address, <c>PublicBaseUrl</c>: what links and names of the service are built from when they are
/// not set themselves (<c>Auth:Issuer</c>, <c>Checkout:BaseUrl</c>, <c>Webhooks:PublicApiBase</c>,
/// <c>Organization:Domain</c>, and <c>Organization:LogoUrl</c>/<c>FaviconUrl</c> given as paths). Not set, it is the first
/// address of <c>Urls</c> (what <c>--urls</c> sets), so a service started on another port links to that port; a wildcard
/// host (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>) names no address a client can use, and <c>localhost</c> stands in.
/// </summary>
internal static partial class PublicAddress
{
    public const string Key = "PublicBaseUrl";
    private const string Fallback = "http://127.0.0.1:5000/";

    public static Uri Read(IConfiguration configuration, List<string> problems)
    {
        if (configuration[Key] is { } configured && !string.IsNullOrWhiteSpace(configured))
        {
            if (Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment))
                return WithSlash(uri);
            problems.Add($"{Key} is '{configured}': expected an absolute http or https URL without a query, e.g. https://shop.example.com/");
            return new Uri(Fallback);
        }

        var first = configuration["Urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null || ListenAddress().Match(first) is not { Success: true } address)
            return new Uri(Fallback);
        var host = address.Groups["host"].Value is "*" or "+" or "0.0.0.0" or "[::]" ? "localhost" : address.Groups["host"].Value;
        return new Uri($"{address.Groups["scheme"].Value.ToLowerInvariant()}://{host}{address.Groups["port"].Value}/");
    }

    /// <summary>A path (<c>/checkout/assets/logo.svg</c>) under the public address; anything else as given.</summary>
    public static string? Resolve(Uri publicBaseUrl, string? value) =>
        value is ['/', not '/', ..] ? new Uri(publicBaseUrl, value.TrimStart('/')).AbsoluteUri : value;

    private static Uri WithSlash(Uri uri) => uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    [GeneratedRegex(@"^(?<scheme>https?)://(?<host>\[[^\]]*\]|[^/:]+)(?<port>:\d+)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListenAddress();
}
