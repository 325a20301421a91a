using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.TestBuildingBlocks;

/// <summary>
/// The real service on a real SQLite file of its own (never EF InMemory): migrated and seeded with the
/// demo catalog at start-up, exactly as a user's first start.
/// </summary>
public sealed class CommerceFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "commerce-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IWebHostBuilder>? _configure;

    /// <param name="settings">Configuration values (keys as in appsettings.json, ':'-separated).</param>
    /// <param name="configure">More set-up of the host, e.g. a capturing logger provider.</param>
    public CommerceFactory(IReadOnlyDictionary<string, string?>? settings = null, Action<IWebHostBuilder>? configure = null)
    {
        _configure = configure;
        Directory.CreateDirectory(_directory);
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        _settings.TryAdd("ConnectionStrings:Commerce", $"Data Source={Path.Combine(_directory, "commerce.db")}");
        _settings.TryAdd("Auth:KeyDirectory", Path.Combine(_directory, "keys"));
        // Tests ask for many tokens from one address; the fixture that tests the limit sets its own.
        _settings.TryAdd("Limits:TokenRequestsPerIpPerMinute", "100000");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        _configure?.Invoke(builder);
    }

    public const string IntegrationId = "demo-integration";
    public const string IntegrationSecret = "demo-integration-secret";
    public const string SalesChannelId = "demo-sales-channel";

    /// <summary>A JSON:API client for /api with a token of the demo integration (which may do everything).</summary>
    public JsonApiClient CreateApiClient() => CreateApiClient(GetTokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = IntegrationId, ["client_secret"] = IntegrationSecret }).GetAwaiter().GetResult());

    public JsonApiClient CreateApiClient(string? accessToken)
    {
        var http = CreateClient(new() { BaseAddress = new Uri("http://localhost/api/") });
        if (accessToken is not null)
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return new JsonApiClient(http);
    }

    /// <summary>A GraphQL client for <paramref name="path"/> (Magento's schema at /graphql), anonymous unless a token is given.</summary>
    public GraphQLClient CreateGraphQLClient(string path = "/graphql", string? accessToken = null) =>
        new(CreateClient(new() { BaseAddress = new Uri("http://localhost/") }), path) { Token = accessToken };

    /// <summary>POST /oauth/token with a form; the access token, or an exception with the OAuth error.</summary>
    public async Task<string> GetTokenAsync(Dictionary<string, string> form)
    {
        var (status, body) = await PostTokenAsync(new FormUrlEncodedContent(form));
        if (status != System.Net.HttpStatusCode.OK)
            throw new InvalidOperationException($"token request failed: {(int)status} {body}");
        return body.GetProperty("access_token").GetString()!;
    }

    /// <summary>POST /oauth/token with any body (a form, JSON, raw bytes); the status and the parsed answer (OAuth 2's shape).</summary>
    public async Task<(System.Net.HttpStatusCode Status, System.Text.Json.JsonElement Body)> PostTokenAsync(HttpContent content)
    {
        using var http = CreateClient();
        using var response = await http.PostAsync("/oauth/token", content);
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return (response.StatusCode, System.Text.Json.JsonDocument.Parse(text).RootElement.Clone());
        }
        catch (System.Text.Json.JsonException)
        {
            throw new InvalidOperationException($"the token endpoint did not answer JSON: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
        }
    }

    /// <summary>A password grant through the demo sales channel: the whole answer (access and refresh token), or an exception.</summary>
    public async Task<System.Text.Json.JsonElement> SignInAsync(string email, string password)
    {
        var (status, body) = await PostTokenAsync(new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = SalesChannelId, ["username"] = email, ["password"] = password,
        }));
        if (status != System.Net.HttpStatusCode.OK)
            throw new InvalidOperationException($"sign-in failed: {(int)status} {body}");
        return body;
    }

    /// <summary>A refresh_token grant through the demo sales channel: the status and the answer.</summary>
    public Task<(System.Net.HttpStatusCode Status, System.Text.Json.JsonElement Body)> RefreshAsync(string refreshToken) =>
        PostTokenAsync(new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = SalesChannelId, ["refresh_token"] = refreshToken,
        }));

    public Task<string> GetSalesChannelTokenAsync() =>
        GetTokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = SalesChannelId });

    public Task<string> GetCustomerTokenAsync(string email, string password) =>
        GetTokenAsync(new() { ["grant_type"] = "password", ["client_id"] = SalesChannelId, ["username"] = email, ["password"] = password });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        }
    }
}
