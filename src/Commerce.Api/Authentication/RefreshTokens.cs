using System.Security.Cryptography;
using System.Text;
using Commerce.Api.Persistence;
using Commerce.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Authentication;

/// <summary>
/// A refresh token the service issued to a customer. Only the SHA-256 of the token's own id (a claim inside the
/// encrypted token) is stored. Tokens of one sign-in form a family: each refresh redeems the presented token and
/// issues the next one of the family.
/// </summary>
public sealed class IssuedRefreshToken : Entity
{
    private IssuedRefreshToken() => TokenHash = FamilyId = CustomerId = string.Empty;

    public IssuedRefreshToken(string tokenHash, string familyId, string customerId, DateTimeOffset expiresAt)
    {
        TokenHash = tokenHash;
        FamilyId = familyId;
        CustomerId = customerId;
        ExpiresAt = expiresAt;
    }

    public string TokenHash { get; private set; }
    public string FamilyId { get; private set; }
    public string CustomerId { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    /// <summary>When it was exchanged for the next token of its family; presenting it again revokes the family.</summary>
    public DateTimeOffset? RedeemedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}

/// <summary>
/// The store behind refresh token rotation, reuse detection and revocation. OpenIddict cannot keep them itself here:
/// its degraded mode (which the service needs, see <see cref="TokenServer"/>) turns its token storage, authorization
/// storage and rolling refresh tokens off.
/// </summary>
internal sealed partial class RefreshTokens(CommerceDbContext db, TimeProvider clock, AuthOptions options, ILogger<RefreshTokens> logger)
{
    /// <summary>The claim (inside the refresh token only) with the token's id, and the one with its family's id.</summary>
    public const string TokenIdClaim = "rt_id";
    public const string FamilyClaim = "rt_family";

    /// <summary>Records a new refresh token of <paramref name="familyId"/> (a new family when null); its id and family, for the token's claims.</summary>
    public async Task<(string TokenId, string FamilyId)> IssueAsync(string customerId, string? familyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var tokenId = Secrets.NewSecret();
        familyId ??= ResourceId.New();
        // The customer's expired tokens go as new ones come: the table holds live families, not history.
        await db.RefreshTokens.Where(t => t.CustomerId == customerId && t.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        db.RefreshTokens.Add(new IssuedRefreshToken(Hash(tokenId), familyId, customerId, now.AddDays(options.RefreshTokenLifetimeDays)));
        await db.SaveChangesAsync(cancellationToken);
        return (tokenId, familyId);
    }

    /// <summary>
    /// Redeems the presented token once. False when it is unknown, revoked or expired, or was redeemed before: then its
    /// whole family is revoked, the token it was exchanged for included (whoever holds either may be a thief).
    /// </summary>
    public async Task<bool> RedeemAsync(string? tokenId, CancellationToken cancellationToken)
    {
        if (tokenId is null)
            return false; // issued before tokens were stored
        var hash = Hash(tokenId);
        var now = clock.GetUtcNow();
        var redeemed = await db.RefreshTokens
            .Where(t => t.TokenHash == hash && t.RedeemedAt == null && t.RevokedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RedeemedAt, now), cancellationToken);
        if (redeemed == 1)
            return true;
        var reused = await db.RefreshTokens.AsNoTracking().Where(t => t.TokenHash == hash && t.RedeemedAt != null).Select(t => t.FamilyId).FirstOrDefaultAsync(cancellationToken);
        if (reused is not null)
        {
            await db.RefreshTokens.Where(t => t.FamilyId == reused && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
            LogReused(logger, reused);
        }
        return false;
    }

    /// <summary>Revokes every live refresh token of the customer, saved with the caller's next SaveChanges (the password change).</summary>
    public async Task RevokeAllOfAsync(string customerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var token in await db.RefreshTokens.Where(t => t.CustomerId == customerId && t.RevokedAt == null && t.RedeemedAt == null).ToListAsync(cancellationToken))
            token.Revoke(now);
    }

    private static string Hash(string tokenId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tokenId)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "A redeemed refresh token was presented again: refresh token family {FamilyId} is revoked")]
    private static partial void LogReused(ILogger logger, string familyId);
}
