namespace Commerce.Domain.Common;

/// <summary>
/// A rule of the domain was broken. <see cref="Member"/> names the attribute or relationship at fault
/// (snake_case, as on the wire), so the host can point at it.
/// </summary>
public class DomainException(string code, string message, string? member = null, bool isRelationship = false) : Exception(message)
{
    public string Code { get; } = code;
    public string? Member { get; } = member;
    public bool IsRelationship { get; } = isRelationship;
}
