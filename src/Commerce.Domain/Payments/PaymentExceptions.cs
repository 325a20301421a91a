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
/// The gateway failed or timed out: <c>PAYMENT_GATEWAY_ERROR</c>. <see cref="Released"/> true: nothing is held or moved
/// and the same request may be retried. False: the gateway may have acted, and the service settles it with the gateway
/// later. For a placement (<see cref="Movement"/> null) an authorization may still be held and the order stays
/// <c>placing</c>; for a void, capture or refund the movement stays pending (and retries are refused) until then.
/// </summary>
public sealed class PaymentGatewayException(string reason, bool timedOut = false, bool released = true, string? movement = null)
    : DomainException(ErrorCode, timedOut ? $"the payment gateway did not answer in time: {reason}" : $"the payment gateway failed: {reason}")
{
    public const string ErrorCode = FailureCodes.PaymentGatewayError;
    public string Reason { get; } = reason;
    public bool TimedOut { get; } = timedOut;
    public bool Released { get; } = released;

    /// <summary>The money movement asked for (<c>void</c>, <c>capture</c>, <c>refund</c>); null for an authorization.</summary>
    public string? Movement { get; } = movement;
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
