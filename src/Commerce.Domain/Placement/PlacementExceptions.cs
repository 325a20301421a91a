using Commerce.Domain.Common;

namespace Commerce.Domain.Placement;

/// <summary>
/// Preconditions failed: one <see cref="DomainFailure"/> per unmet precondition (its own code,
/// <c>VALIDATION_ERROR</c> or <c>OUT_OF_STOCK</c>, and member), all at once. Nothing was changed.
/// </summary>
public sealed class PlacementFailedException(IReadOnlyList<DomainFailure> failures)
    : DomainException(failures, $"the order cannot be placed: {failures.Count} precondition(s) failed");

/// <summary>Another request is placing (or has placed) this order: <c>CONFLICT</c> at the <c>status</c> attribute.</summary>
public sealed class PlacementConflictException()
    : DomainException(ErrorCode, "the order is being placed by another request", "status")
{
    public const string ErrorCode = FailureCodes.Conflict;
}
