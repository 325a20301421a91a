using Microsoft.AspNetCore.Identity;

namespace Commerce.Api.Authentication;

/// <summary>Hashing of client secrets (ASP.NET Core Identity's PBKDF2 hasher; customer passwords: <see cref="CustomerPasswords"/>); plain values are never stored.</summary>
public static class Secrets
{
    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object Subject = new();

    public static string Hash(string secret) => Hasher.HashPassword(Subject, secret);

    public static bool Verify(string? hash, string? secret) =>
        hash is not null && secret is not null && Hasher.VerifyHashedPassword(Subject, hash, secret) != PasswordVerificationResult.Failed;

    /// <summary>A new random secret: 43 URL-safe characters (256 bits).</summary>
    public static string NewSecret() => Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
