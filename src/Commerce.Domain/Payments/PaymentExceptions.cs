using Commerce.Domain.Common;

namespace Commerce.Domain.Payments;

/// <summary>The gateway declined: 422 <c>PAYMENT_DECLINED</c>, pointer <c>/data/relationships/payment_source</c>.</summary>
public sealed class PaymentDeclinedException(string reason)
    : DomainException(ErrorCode, $"the payment was declined: {reason}", "payment_source", isRelationship: true)
{
    public const string ErrorCode = "PAYMENT_DECLINED";
    public string Reason { get; } = reason;
}

/// <summary>
/// The gateway failed or timed out: 502 <c>PAYMENT_GATEWAY_ERROR</c>. Safe to retry. <see cref="Released"/> is false
/// when an authorization may still be held and could not be voided yet: the order stays <c>placing</c> until the
/// reconciler settles it with the gateway.
/// </summary>
public sealed class PaymentGatewayException(string reason, bool timedOut = false, bool released = true)
    : DomainException(ErrorCode, timedOut ? $"the payment gateway did not answer in time: {reason}" : $"the payment gateway failed: {reason}")
{
    public const string ErrorCode = "PAYMENT_GATEWAY_ERROR";
    public string Reason { get; } = reason;
    public bool TimedOut { get; } = timedOut;
    public bool Released { get; } = released;
}
