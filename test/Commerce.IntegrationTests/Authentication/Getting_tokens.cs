using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Commerce.Api.Authentication;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Commerce.IntegrationTests.Authentication;

/// <summary>POST /oauth/token and what the API makes of the tokens.</summary>
public sealed class Getting_tokens : ApiFixture
{
    private Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(HttpContent content) => Factory.PostTokenAsync(content);

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] pairs) => new(pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

    [Test]
    public async Task An_integration_gets_a_jwt_with_its_kind_and_expiry()
    {
        var (status, body) = await TokenAsync(Form(("grant_type", "client_credentials"), ("client_id", CommerceFactory.IntegrationId), ("client_secret", CommerceFactory.IntegrationSecret)));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var token = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.That(token.GetClaim("app_kind").Value, Is.EqualTo("integration"));
        Assert.That(token.ValidTo - token.IssuedAt, Is.EqualTo(TimeSpan.FromHours(2)).Within(TimeSpan.FromSeconds(5)), "default lifetime: 2 hours");
        Assert.That(body.GetProperty("token_type").GetString(), Is.EqualTo("Bearer"));
        Assert.That(token.Typ, Is.EqualTo("at+jwt"), "an access token says what it is (RFC 9068)");
        Assert.That(token.Audiences, Is.EquivalentTo(new[] { Audience }));
    }

    [Test]
    public async Task A_token_request_may_be_json()
    {
        var json = new StringContent("""{"grant_type":"client_credentials","client_id":"demo-sales-channel"}""", Encoding.UTF8, "application/json");

        var (status, body) = await TokenAsync(json);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(new JsonWebToken(body.GetProperty("access_token").GetString()).GetClaim("app_kind").Value, Is.EqualTo("sales_channel"));
    }

    [TestCase("demo-integration", "wrong", "invalid_client")]
    [TestCase("demo-integration", null, "invalid_client")]
    [TestCase("nobody", "x", "invalid_client")]
    public async Task Bad_client_credentials_are_oauth_errors(string clientId, string? secret, string error)
    {
        var pairs = new List<(string, string)> { ("grant_type", "client_credentials"), ("client_id", clientId) };
        if (secret is not null) pairs.Add(("client_secret", secret));

        var (status, body) = await TokenAsync(Form([.. pairs]));

        Assert.That((int)status, Is.EqualTo(400).Or.EqualTo(401), body.ToString());
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo(error));
        Assert.That(body.ToString(), Does.Not.Contain("demo-integration-secret"));
    }

    [TestCase("client_id", "demo-sales-channel\0")]
    [TestCase("grant_type", "client_credentials\u0001")]
    [TestCase("username", "someone\0@example.com")]
    [TestCase("password", "pass\u001bword")]
    public async Task A_control_character_in_a_form_field_is_400_invalid_request(string field, string value)
    {
        var pairs = new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = CommerceFactory.SalesChannelId, ["username"] = "someone@example.com", ["password"] = "long enough",
        };
        pairs[field] = value;

        var (status, body) = await TokenAsync(new FormUrlEncodedContent(pairs));

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
        Assert.That(body.GetProperty("error_description").GetString(), Does.Contain(field));
    }

    [TestCase("""{"grant_type":"client_credentials","client_id":"demo-sales-channel\u0000"}""", "client_id")]
    [TestCase("""{"grant_type":"client_credentials","client_id":"\ud800"}""", "client_id")]
    [TestCase("""{"grant_type":"password","client_id":"demo-sales-channel","username":"a\udc00@example.com","password":"long enough"}""", "username")]
    [TestCase("""{"grant_type":"password","client_id":"demo-sales-channel","username":"a@example.com","password":"\u0007long enough"}""", "password")]
    public async Task A_control_character_or_lone_surrogate_in_a_json_string_is_400_invalid_request(string json, string field)
    {
        var (status, body) = await TokenAsync(new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
        Assert.That(body.GetProperty("error_description").GetString(), Does.Contain(field));
    }

    [Test]
    public async Task A_customer_signs_in_through_a_sales_channel_and_refreshes()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var customer = await Api.PostAsync("customers", Document("customers", new { email, password = "correct horse" }));
        Assert.That(customer.Attributes.AsObject().ContainsKey("password"), Is.False, "the password is never returned");

        var (status, body) = await TokenAsync(Form(("grant_type", "password"), ("client_id", CommerceFactory.SalesChannelId), ("username", email), ("password", "correct horse")));
        var (wrongStatus, wrong) = await TokenAsync(Form(("grant_type", "password"), ("client_id", CommerceFactory.SalesChannelId), ("username", email), ("password", "wrong horse")));
        var (viaIntegration, refused) = await TokenAsync(Form(("grant_type", "password"), ("client_id", CommerceFactory.IntegrationId),
            ("client_secret", CommerceFactory.IntegrationSecret), ("username", email), ("password", "correct horse")));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(new JsonWebToken(body.GetProperty("access_token").GetString()).GetClaim("customer_id").Value, Is.EqualTo(customer.Id));
        Assert.That(wrong.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
        Assert.That(refused.GetProperty("error").GetString(), Is.EqualTo("unauthorized_client"));

        var (refreshed, next) = await TokenAsync(Form(("grant_type", "refresh_token"), ("client_id", CommerceFactory.SalesChannelId),
            ("refresh_token", body.GetProperty("refresh_token").GetString()!)));
        Assert.That(refreshed, Is.EqualTo(HttpStatusCode.OK), next.ToString());
        Assert.That(new JsonWebToken(next.GetProperty("access_token").GetString()).GetClaim("customer_id").Value, Is.EqualTo(customer.Id));
    }

    [Test]
    public async Task A_missing_token_is_401_unauthorized_with_www_authenticate()
    {
        var response = await Factory.CreateApiClient(null).GetAsync("skus");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Error["code"]!.GetValue<string>(), Is.EqualTo("UNAUTHORIZED"));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }

    [Test]
    public async Task An_expired_token_is_401_invalid_token()
    {
        var token = Forge(issuer: null, expires: DateTime.UtcNow.AddMinutes(-10), key: null);

        var response = await Factory.CreateApiClient(token).GetAsync("skus");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Error["code"]!.GetValue<string>(), Is.EqualTo("INVALID_TOKEN"));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.Contain("invalid_token"));
    }

    [Test]
    public async Task A_token_from_another_issuer_or_key_or_tampered_is_401_unauthorized()
    {
        var otherIssuer = Forge(issuer: "https://evil.example.com/", expires: DateTime.UtcNow.AddMinutes(10), key: null);
        var otherKey = Forge(issuer: null, expires: DateTime.UtcNow.AddMinutes(10), key: new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)));
        var genuine = Forge(issuer: null, expires: DateTime.UtcNow.AddMinutes(10), key: null);
        var parts = genuine.Split('.');
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode("""{"app_kind":"integration","sub":"x","exp":9999999999}""")}.{parts[2]}";

        foreach (var token in new[] { otherIssuer, otherKey, tampered, "not-a-jwt" })
        {
            var response = await Factory.CreateApiClient(token).GetAsync("skus");
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized), token);
            Assert.That(response.Error["code"]!.GetValue<string>(), Is.EqualTo("UNAUTHORIZED"));
        }
        Assert.That((await Factory.CreateApiClient(genuine).GetAsync("skus")).Status, Is.EqualTo(HttpStatusCode.OK), "the forging itself is right");
    }

    [Test]
    public async Task A_token_of_another_type_or_for_another_audience_is_401_unauthorized()
    {
        var expires = DateTime.UtcNow.AddMinutes(10);
        var plainJwt = Forge(issuer: null, expires, key: null, type: "JWT");
        var idTokenShape = Forge(issuer: null, expires, key: null, type: "JWT", audience: CommerceFactory.SalesChannelId);
        var withoutAudience = Forge(issuer: null, expires, key: null, audience: null);
        var otherAudience = Forge(issuer: null, expires, key: null, audience: "another-api");
        var genuine = Forge(issuer: null, expires, key: null);

        foreach (var (what, token) in new[] { ("typ JWT", plainJwt), ("id token shape", idTokenShape), ("no audience", withoutAudience), ("another audience", otherAudience) })
        {
            var response = await Factory.CreateApiClient(token).GetAsync("skus");
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized), what);
            Assert.That(response.Error["code"]!.GetValue<string>(), Is.EqualTo("UNAUTHORIZED"), what);
        }
        Assert.That((await Factory.CreateApiClient(genuine).GetAsync("skus")).Status, Is.EqualTo(HttpStatusCode.OK), "the forging itself is right");
    }

    /// <summary>The audience of the service's access tokens (README, Authentication).</summary>
    private const string Audience = "commerce-api";

    /// <summary>A token signed like the service's own (or with another key / issuer / type / audience), to test validation.</summary>
    private string Forge(string? issuer, DateTime expires, SecurityKey? key, string type = "at+jwt", string? audience = Audience)
    {
        var options = Factory.Services.GetRequiredService<AuthOptions>();
        var handler = new JsonWebTokenHandler();
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = type,
            Audience = audience,
            Issuer = issuer ?? new Uri(options.Issuer).AbsoluteUri,
            Subject = new ClaimsIdentity([new Claim("sub", "forged"), new Claim("app_kind", "integration"), new Claim("app_id", "x")]),
            NotBefore = expires.AddHours(-3),
            IssuedAt = expires.AddHours(-3),
            Expires = expires,
            SigningCredentials = new SigningCredentials(key ?? Factory.Services.GetRequiredService<KeyRing>().Signing, SecurityAlgorithms.RsaSha256),
        });
    }
}
