using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Commerce.LoadTests;

/// <summary>A JSON:API client over one pooled <see cref="HttpClient"/>; every request timed into a step.</summary>
public sealed class Api : IDisposable
{
    public const string MediaType = "application/vnd.api+json";
    private readonly HttpClient _http;

    public Api(Uri baseUrl, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaType));
    }

    public Uri BaseUrl => _http.BaseAddress!;

    public async Task<string> TokenAsync(string clientId, string? secret)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId };
        if (secret is not null)
            form["client_secret"] = secret;
        using var response = await _http.PostAsync(new Uri("/oauth/token", UriKind.Relative), new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST /oauth/token for {clientId}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    /// <summary>Sends one request, times it into <paramref name="step"/> (when given), and returns the status and parsed body.</summary>
    public async Task<Answer> SendAsync(HttpMethod method, string path, string token, object? document = null, StepRecorder? step = null,
        string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (document is not null)
        {
            request.Content = new StringContent(document as string ?? JsonSerializer.Serialize(document), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(MediaType);
        }
        var started = Stopwatch.GetTimestamp();
        int status;
        byte[] body;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            status = (int)response.StatusCode;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            step?.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0, ok: false);
            return new Answer(0, null);
        }
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var ok = status is >= 200 and < 300;
        step?.Record(elapsed, status, ok);
        return new Answer(status, body);
    }

    /// <summary>A GET without a token or an Accept check (the health endpoints).</summary>
    public async Task<int> GetPlainAsync(string path, StepRecorder step)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseContentRead);
            _ = await response.Content.ReadAsByteArrayAsync();
            var status = (int)response.StatusCode;
            step.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, status, status is >= 200 and < 300);
            return status;
        }
        catch (HttpRequestException)
        {
            step.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0, ok: false);
            return 0;
        }
    }

    public void Dispose() => _http.Dispose();

    public static object Document(string type, object? attributes = null, object? relationships = null, string? id = null)
    {
        var data = new Dictionary<string, object?> { ["type"] = type };
        if (id is not null)
            data["id"] = id;
        if (attributes is not null)
            data["attributes"] = attributes;
        if (relationships is not null)
            data["relationships"] = relationships;
        return new { data };
    }

    public static object ToOne(string type, string id) => new { data = new { type, id } };
}

public sealed record Answer(int Status, byte[]? Body)
{
    public bool Ok => Status is >= 200 and < 300;

    public JsonNode? Data => Body is { Length: > 0 } ? JsonNode.Parse(Body)?["data"] : null;

    public string? Id => Data?["id"]?.GetValue<string>();
}
