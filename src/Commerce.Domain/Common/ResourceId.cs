using System.Security.Cryptography;

namespace Commerce.Domain.Common;

/// <summary>Opaque random identifiers: 12 base62 characters (about 71 bits), never sequential.</summary>
public static class ResourceId
{
    public const int Length = 12;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    public static bool IsWellFormed(string? id) =>
        id is { Length: >= 10 and <= 64 } && id.All(c => c is >= '0' and <= '9' or >= 'A' and <= 'Z' or >= 'a' and <= 'z');
}
