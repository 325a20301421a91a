using Commerce.Domain.Common;

namespace Commerce.Domain.Placement;

/// <summary>
/// Preconditions failed: 422, one error per <see cref="Failures"/> item (its own code —
/// VALIDATION_ERROR or OUT_OF_STOCK — and pointer). Nothing was changed.
/// </summary>
public sealed class PlacementFailedException(IReadOnlyList<PlacementFailure> failures)
    : DomainException(failures.Count > 0 ? failures[0].Code : PlacementPreconditions.ValidationError,
        $"the order cannot be placed: {failures.Count} precondition(s) failed")
{
    public IReadOnlyList<PlacementFailure> Failures { get; } = failures;
}

/// <summary>Another request is placing (or has placed) this order: 409 <c>CONFLICT</c>, pointer <c>/data/attributes/status</c>.</summary>
public sealed class PlacementConflictException()
    : DomainException(ErrorCode, "the order is being placed by another request", "status")
{
    public const string ErrorCode = "CONFLICT";
}
