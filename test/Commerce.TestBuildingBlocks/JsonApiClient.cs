using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Commerce.TestBuildingBlocks;

/// <summary>A thin JSON:API client for tests: sends documents, returns the status and the parsed body.</summary>
public sealed class JsonApiClient(HttpClient http)
{
    public const string MediaType = "application/vnd.api+json";

    public HttpClient Http => http;

    public Task<ApiResponse> GetAsync(string url) => SendAsync(HttpMethod.Get, url, null);

    public Task<ApiResponse> PostAsync(string url, object document) => SendAsync(HttpMethod.Post, url, document);

    public Task<ApiResponse> PatchAsync(string url, object document) => SendAsync(HttpMethod.Patch, url, document);

    public Task<ApiResponse> DeleteAsync(string url) => SendAsync(HttpMethod.Delete, url, null);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string url, object? document, string contentType = MediaType, string? rawBody = null,
        IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.ParseAdd(MediaType);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
        if (document is not null || rawBody is not null)
        {
            var body = rawBody ?? (document is string s ? s : JsonSerializer.Serialize(document));
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary><c>{"data":{"type":…,"attributes":…,"relationships":…}}</c> with an optional id.</summary>
    public static object Document(string type, object? attributes = null, object? relationships = null, string? id = null)
    {
        var data = new Dictionary<string, object?> { ["type"] = type };
        if (id is not null) data["id"] = id;
        if (attributes is not null) data["attributes"] = attributes;
        if (relationships is not null) data["relationships"] = relationships;
        return new { data };
    }

    public static object ToOne(string type, string id) => new { data = new { type, id } };
}

public sealed record ApiResponse(HttpStatusCode Status, string? MediaType, HttpResponseHeaders Headers, JsonNode? Body)
{
    public JsonNode Data => Body!["data"]!;
    public string Id => Data["id"]!.GetValue<string>();
    public JsonNode Attributes => Data["attributes"]!;
    public JsonArray Errors => Body!["errors"]!.AsArray();
    public JsonNode Error => Errors[0]!;

    public IEnumerable<string?> ErrorPointers => Errors.Select(e => e!["source"]?["pointer"]?.GetValue<string>());

    public override string ToString() => $"{(int)Status} {Body?.ToJsonString()}";
}
