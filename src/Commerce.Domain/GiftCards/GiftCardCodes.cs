using System.Security.Cryptography;

namespace Commerce.Domain.GiftCards;

/// <summary>
/// Gift card codes. A generated code is 24 characters of a 32-letter alphabet without look-alikes (120 random bits), in groups
/// of four: long enough that guessing one is hopeless, and typed by hand without confusing 0/O or 1/I. A code given by an
/// integration has 8 to 64 letters, digits or dashes. Codes are matched exactly (never by prefix).
/// </summary>
public static class GiftCardCodes
{
    public const int MinLength = 8;
    public const int MaxLength = 64;
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int Groups = 6;
    private const int GroupLength = 4;

    public static string New() =>
        string.Join('-', Enumerable.Range(0, Groups).Select(_ => RandomNumberGenerator.GetString(Alphabet, GroupLength)));

    public static bool IsWellFormed(string? code) =>
        code is { Length: >= MinLength and <= MaxLength } && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
