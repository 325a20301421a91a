using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Commerce.TestBuildingBlocks;

/// <summary>A GraphQL-over-HTTP client for one endpoint (<c>/graphql</c>, <c>/v1/graphql</c>): POSTs <c>{query, variables}</c> as JSON.</summary>
public sealed class GraphQLClient(HttpClient http, string path)
{
    public HttpClient Http => http;

    /// <summary>The bearer token sent with every request; null sends none (Magento's guests).</summary>
    public string? Token { get; set; }

    /// <summary>Headers sent with every request (Magento's <c>Store</c>).</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task<GraphQLResponse> SendAsync(string query, object? variables = null, string? operationName = null) =>
        PostAsync(JsonSerializer.Serialize(new { query, variables, operationName }), "application/json");

    /// <summary>Any body with any content type, for the transport's own tests.</summary>
    public async Task<GraphQLResponse> PostAsync(string body, string? contentType, AuthenticationHeaderValue? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (contentType is not null)
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await SendAsync(request, authorization);
    }

    public async Task<GraphQLResponse> SendAsync(HttpRequestMessage request, AuthenticationHeaderValue? authorization = null)
    {
        request.Headers.Authorization = authorization ?? (Token is null ? null : new AuthenticationHeaderValue("Bearer", Token));
        foreach (var (name, value) in Headers)
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers,
            text.Length == 0 ? null : JsonNode.Parse(text));
    }
}

public sealed record GraphQLResponse(HttpStatusCode Status, string? MediaType, HttpResponseHeaders Headers, JsonNode? Body)
{
    public JsonNode? Data => Body?["data"];
    public JsonArray? Errors => Body?["errors"]?.AsArray();
    public IEnumerable<string?> ErrorMessages => Errors?.Select(e => e?["message"]?.GetValue<string>()) ?? [];

    /// <summary>The response when it has no errors; otherwise an assertion failure that shows it.</summary>
    public GraphQLResponse Ok()
    {
        Assert.That(Status, Is.EqualTo(HttpStatusCode.OK), ToString());
        Assert.That(Errors, Is.Null, ToString());
        return this;
    }

    public override string ToString() => $"{(int)Status} {Body?.ToJsonString()}";
}
