using Commerce.Domain.Common;

namespace Commerce.Domain.Payments;

/// <summary>The gateway declined: <c>PAYMENT_DECLINED</c> at the <c>payment_source</c> relationship.</summary>
public sealed class PaymentDeclinedException(string reason)
    : DomainException(ErrorCode, $"the payment was declined: {reason}", "payment_source", isRelationship: true)
{
    public const string ErrorCode = FailureCodes.PaymentDeclined;
    public string Reason { get; } = reason;
}

/// <summary>
/// The gateway failed or timed out: <c>PAYMENT_GATEWAY_ERROR</c>. Safe to retry. <see cref="Released"/> is false
/// when an authorization may still be held and could not be voided yet: the order stays <c>placing</c> until the
/// reconciler settles it with the gateway.
/// </summary>
public sealed class PaymentGatewayException(string reason, bool timedOut = false, bool released = true)
    : DomainException(ErrorCode, timedOut ? $"the payment gateway did not answer in time: {reason}" : $"the payment gateway failed: {reason}")
{
    public const string ErrorCode = FailureCodes.PaymentGatewayError;
    public string Reason { get; } = reason;
    public bool TimedOut { get; } = timedOut;
    public bool Released { get; } = released;
}

/// <summary>
/// A void, capture or refund of the order is still pending (in flight, or cut off by a crash and waiting for the
/// reconciler), or the order changed while this one was being started: <c>CONFLICT</c> at the <c>payment_status</c>
/// attribute. Nothing was done and no money moved; reload the order and retry once the
/// pending movement is settled.
/// </summary>
public sealed class PaymentInProgressException(string? pendingType, string? pendingTransactionId)
    : DomainException(ErrorCode, pendingType is null
        ? "the order was changed by another request while this payment was being started"
        : $"a payment of the order is still pending ({pendingType} {pendingTransactionId})", "payment_status")
{
    public const string ErrorCode = FailureCodes.Conflict;

    /// <summary>The JSON:API type of the pending transaction (<c>voids</c>, <c>captures</c>, <c>refunds</c>); null when the order changed instead.</summary>
    public string? PendingType { get; } = pendingType;

    public string? PendingTransactionId { get; } = pendingTransactionId;
}
