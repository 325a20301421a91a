namespace Commerce.Domain.Orders;

/// <summary>
/// A deliberately simple shape check for e-mail addresses: one <c>@</c>, a non-empty local part,
/// a domain with a dot that neither starts nor ends the domain, no whitespace, at most 254 characters.
/// </summary>
public static class EmailAddress
{
    public static bool IsWellFormed(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 254 || value.Any(char.IsWhiteSpace))
            return false;
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@'))
            return false;
        var domain = value[(at + 1)..];
        var dot = domain.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && !domain.EndsWith('.') && !domain.Contains("..", StringComparison.Ordinal);
    }
}
