using System.Security.Claims;
using System.Security.Cryptography;
using Commerce.Api.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Commerce.IntegrationTests.Authentication;

/// <summary>
/// The bearer handler remembers the access tokens it validated until they expire (<see cref="ValidatedTokenCache"/>): it
/// answers from memory only what validating again would answer.
/// </summary>
public sealed class Remembering_validated_tokens
{
    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "test" };
    private static readonly RsaSecurityKey OtherKey = new(RSA.Create(2048)) { KeyId = "test" };
    private const string Issuer = "http://127.0.0.1/";

    private static TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = "commerce-api",
        IssuerSigningKey = Key,
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    private static string Token(DateTime expires, RsaSecurityKey? key = null, string subject = "app") => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Audience = "commerce-api",
        Issuer = Issuer,
        Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("app_kind", "integration")]),
        NotBefore = expires.AddHours(-3),
        IssuedAt = expires.AddHours(-3),
        Expires = expires,
        SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.RsaSha256),
    });

    [Test]
    public async Task A_valid_token_is_validated_once_and_answered_from_memory_after()
    {
        var cache = new ValidatedTokenCache();
        var token = Token(DateTime.UtcNow.AddHours(1));

        var first = await cache.ValidateTokenAsync(token, Parameters());
        var second = await cache.ValidateTokenAsync(token, Parameters());

        Assert.That(first.IsValid, Is.True, first.Exception?.Message);
        Assert.That(second.IsValid, Is.True);
        Assert.That(cache.Count, Is.EqualTo(1));
        Assert.That(second.ClaimsIdentity.FindFirst("sub")?.Value, Is.EqualTo("app"));
        Assert.That(second.SecurityToken.ValidTo, Is.EqualTo(first.SecurityToken.ValidTo));
    }

    [Test]
    public async Task Each_request_gets_its_own_copy_of_the_identity()
    {
        var cache = new ValidatedTokenCache();
        var token = Token(DateTime.UtcNow.AddHours(1));

        var first = await cache.ValidateTokenAsync(token, Parameters());
        first.ClaimsIdentity.AddClaim(new Claim("added_by_one_request", "x"));
        var second = await cache.ValidateTokenAsync(token, Parameters());
        second.ClaimsIdentity.AddClaim(new Claim("added_by_another", "y"));
        var third = await cache.ValidateTokenAsync(token, Parameters());

        Assert.That(second.ClaimsIdentity.FindFirst("added_by_one_request"), Is.Null);
        Assert.That(third.ClaimsIdentity.FindFirst("added_by_another"), Is.Null);
        Assert.That(third.ClaimsIdentity, Is.Not.SameAs(second.ClaimsIdentity));
    }

    [Test]
    public async Task A_token_that_fails_validation_is_not_remembered()
    {
        var cache = new ValidatedTokenCache();
        var forged = Token(DateTime.UtcNow.AddHours(1), key: OtherKey);
        var expired = Token(DateTime.UtcNow.AddMinutes(-10));

        var forgedResult = await cache.ValidateTokenAsync(forged, Parameters());
        var expiredResult = await cache.ValidateTokenAsync(expired, Parameters());

        Assert.That(forgedResult.IsValid, Is.False);
        Assert.That(expiredResult.IsValid, Is.False);
        Assert.That(cache.Count, Is.Zero);
    }

    [Test]
    public async Task A_token_past_its_expiry_but_within_the_clock_skew_is_validated_every_time_never_remembered()
    {
        var cache = new ValidatedTokenCache();
        var token = Token(DateTime.UtcNow.AddSeconds(-10));

        var result = await cache.ValidateTokenAsync(token, Parameters());

        Assert.That(result.IsValid, Is.True, "the validator still accepts it within its 30 s of skew");
        Assert.That(cache.Count, Is.Zero, "only a token before its exp is remembered");
    }

    [Test]
    public async Task A_full_cache_is_emptied_rather_than_grown()
    {
        var cache = new ValidatedTokenCache(capacity: 2);
        var expires = DateTime.UtcNow.AddHours(1);

        foreach (var subject in new[] { "a", "b", "c" })
            Assert.That((await cache.ValidateTokenAsync(Token(expires, subject: subject), Parameters())).IsValid, Is.True);

        Assert.That(cache.Count, Is.EqualTo(1), "the third token found two live ones: the cache was emptied, then it was added");
    }
}
