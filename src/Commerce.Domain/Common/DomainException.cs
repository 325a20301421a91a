namespace Commerce.Domain.Common;

/// <summary>
/// Rules of the domain were broken: one or more <see cref="Failures"/> (each with its code and the member at fault, see
/// <see cref="DomainFailure"/>), all listed at once where the domain checks several rules together (placement
/// preconditions, an address). Nothing was changed by the operation that threw. <see cref="Code"/>,
/// <see cref="Member"/> and <see cref="IsRelationship"/> are the first failure's.
/// </summary>
public class DomainException : Exception
{
    /// <param name="failures">At least one.</param>
    /// <param name="message">The exception's message; the first failure's detail when null.</param>
    public DomainException(IReadOnlyList<DomainFailure> failures, string? message = null)
        : base(message ?? (failures.Count > 0 ? failures[0].Detail : null))
    {
        if (failures.Count == 0)
            throw new ArgumentException("A domain exception has at least one failure.", nameof(failures));
        Failures = failures;
    }

    public DomainException(DomainFailure failure)
        : this([failure])
    {
    }

    /// <summary>One failure of <paramref name="code"/> at <paramref name="member"/> (none: the resource as a whole).</summary>
    public DomainException(string code, string message, string? member = null, bool isRelationship = false)
        : this(new DomainFailure(code, member, isRelationship, message))
    {
    }

    public IReadOnlyList<DomainFailure> Failures { get; }

    public string Code => Failures[0].Code;
    public string? Member => Failures[0].Member;
    public bool IsRelationship => Failures[0].IsRelationship;
}
