using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Commerce.Api.Authentication;

/// <summary>
/// JWT bearer validation that remembers the access tokens it validated until they expire, so that a client sending the
/// same token with every request pays for the signature check and the claims once instead of on every request.
/// <para>
/// It answers from memory only what validating again would answer: an access token cannot be revoked before it expires
/// (the service keeps no list of them; a password change revokes refresh tokens), the signing key and the validation
/// parameters (one bearer scheme, configured once: <see cref="AuthServiceCollectionExtensions"/>) are fixed for the process's life, and a remembered token is answered only before its <c>exp</c> (the
/// validator's clock skew past it is left to a full validation). A token that fails validation is never remembered. Each
/// request gets its own copy of the identity, so nothing a request adds to its principal reaches another.
/// </para>
/// The cache holds at most <paramref name="capacity"/> tokens (4,096: a few MB); when full, expired ones are dropped, and
/// if none has expired the cache is emptied (a flood of distinct valid tokens costs validations, never memory).
/// </summary>
internal sealed class ValidatedTokenCache(int capacity = ValidatedTokenCache.DefaultCapacity) : JsonWebTokenHandler
{
    public const int DefaultCapacity = 4096;

    private readonly ConcurrentDictionary<string, Validated> _validated = new(StringComparer.Ordinal);

    private sealed record Validated(ClaimsIdentity Identity, SecurityToken Token, DateTime ValidTo);

    /// <summary>How many tokens are remembered now (for tests).</summary>
    internal int Count => _validated.Count;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        // The validator reads the wall clock (DateTime.UtcNow) for exp and nbf: so does the cache.
        var now = DateTime.UtcNow;
        if (_validated.TryGetValue(token, out var hit))
        {
            if (now < hit.ValidTo)
                return new TokenValidationResult { IsValid = true, ClaimsIdentity = hit.Identity.Clone(), SecurityToken = hit.Token };
            _validated.TryRemove(token, out _);
        }
        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { } validated && result.ClaimsIdentity is { } identity
            && validated.ValidTo > now)
        {
            MakeRoom(now);
            _validated[token] = new Validated(identity.Clone(), validated, validated.ValidTo);
        }
        return result;
    }

    private void MakeRoom(DateTime now)
    {
        if (_validated.Count < capacity)
            return;
        foreach (var (key, entry) in _validated)
        {
            if (entry.ValidTo <= now)
                _validated.TryRemove(key, out _);
        }
        if (_validated.Count >= capacity)
            _validated.Clear();
    }
}
