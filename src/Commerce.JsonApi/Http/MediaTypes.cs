using Commerce.JsonApi.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Commerce.JsonApi.Http;

/// <summary>
/// JSON:API 1.1 content negotiation. Request bodies must be <c>application/vnd.api+json</c> with no
/// parameters but <c>profile</c> (and an <c>ext</c> we support: none) — else 415. Accept must allow a
/// response: a JSON:API media type with only <c>profile</c>, or a wildcard or <c>application/json</c> — else 406.
/// </summary>
public static class MediaTypes
{
    public const string JsonApi = "application/vnd.api+json";

    public static void CheckContentType(HttpRequest request)
    {
        var header = request.ContentType;
        if (string.IsNullOrEmpty(header) || !MediaTypeHeaderValue.TryParse(header, out var mediaType)
            || !mediaType.MediaType.Equals(JsonApi, StringComparison.OrdinalIgnoreCase))
            throw Unsupported($"Request bodies must be sent as '{JsonApi}'.");
        foreach (var parameter in mediaType.Parameters)
        {
            if (parameter.Name.Equals("profile", StringComparison.OrdinalIgnoreCase))
                continue;
            if (parameter.Name.Equals("ext", StringComparison.OrdinalIgnoreCase))
                throw Unsupported($"The extension {parameter.Value} is not supported.");
            throw Unsupported($"The media type parameter '{parameter.Name}' is not allowed.");
        }
    }

    public static void CheckAccept(HttpRequest request)
    {
        var headers = request.Headers.Accept;
        if (headers.Count == 0 || !MediaTypeHeaderValue.TryParseList(headers, out var accepted) || accepted.Count == 0)
            return;
        // When the JSON:API media type is named, one of its instances must be unmodified (but for profile):
        // JSON:API 1.1 requires a 406 when all of them carry other parameters, whatever wildcards sit beside them.
        var jsonApi = accepted.Where(m => m.MediaType.Equals(JsonApi, StringComparison.OrdinalIgnoreCase)).ToList();
        var acceptable = jsonApi.Count > 0
            ? jsonApi.Any(m => Wanted(m) && m.Parameters.All(p => p.Name.Equals("profile", StringComparison.OrdinalIgnoreCase) || p.Name.Equals("q", StringComparison.OrdinalIgnoreCase)))
            : accepted.Any(m => Wanted(m) && (
                m.MediaType.Equals("*/*", StringComparison.Ordinal)
                || m.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase)
                || m.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)));
        if (!acceptable)
            throw new JsonApiException(new ErrorObject(406, ErrorCodes.NotAcceptable, "Not acceptable",
                $"Responses are '{JsonApi}' without extensions; the Accept header allows none of that.", ErrorSource.AtHeader("Accept")));
    }

    /// <summary>A quality of 0 means "not acceptable" (RFC 9110); no quality means 1.</summary>
    private static bool Wanted(MediaTypeHeaderValue mediaType) => mediaType.Quality is not 0d;

    private static JsonApiException Unsupported(string detail) =>
        new(new ErrorObject(415, ErrorCodes.UnsupportedMediaType, "Unsupported media type", detail, ErrorSource.AtHeader("Content-Type")));
}
