using Commerce.Domain.Common;

namespace Commerce.Domain.Payments;

/// <summary>Transaction kinds, stored as these strings; <see cref="PaymentTransaction.ResourceType"/> maps them to wire types.</summary>
public static class TransactionKind
{
    public const string Authorization = "authorization";
    public const string Void = "void";
    public const string Capture = "capture";
    public const string Refund = "refund";
}

public static class TransactionStatus
{
    /// <summary>Written before the gateway is called; stays so only if the process died meanwhile.</summary>
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>
/// One money movement asked of a gateway (one table for all kinds). Exposed as
/// <c>authorizations</c>, <c>voids</c>, <c>captures</c>, <c>refunds</c>.
/// </summary>
public sealed class PaymentTransaction : Entity
{
    private PaymentTransaction() => Kind = OrderId = CurrencyCode = Status = IdempotencyKey = string.Empty;

    public PaymentTransaction(string kind, string orderId, long amountCents, string currencyCode, string idempotencyKey, DateTimeOffset now)
    {
        if (kind is not (TransactionKind.Authorization or TransactionKind.Void or TransactionKind.Capture or TransactionKind.Refund))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown transaction kind.");
        Kind = kind;
        OrderId = orderId;
        AmountCents = amountCents;
        CurrencyCode = currencyCode;
        IdempotencyKey = idempotencyKey;
        Status = TransactionStatus.Pending;
        Touch(now);
    }

    /// <summary>A pending transaction with a fresh random idempotency key.</summary>
    public static PaymentTransaction Begin(string kind, string orderId, long amountCents, string currencyCode, DateTimeOffset now) =>
        new(kind, orderId, amountCents, currencyCode, NewIdempotencyKey(), now);

    public static string NewIdempotencyKey() => "idem_" + ResourceId.New() + ResourceId.New();

    public string Kind { get; private set; }
    public string OrderId { get; private set; }
    /// <summary>The order, when the read loaded it: its language formats the amount as the order's own amounts are.</summary>
    public Orders.Order? Order { get; private set; }
    public long AmountCents { get; private set; }
    public string CurrencyCode { get; private set; }
    public bool Succeeded { get; private set; }
    public string Status { get; private set; }
    public string IdempotencyKey { get; private set; }
    public string? GatewayReference { get; private set; }
    /// <summary>The gateway's message, or why it failed (never a token).</summary>
    public string? Message { get; private set; }
    /// <summary>On failure: PAYMENT_DECLINED or PAYMENT_GATEWAY_ERROR.</summary>
    public string? ErrorCode { get; private set; }

    /// <summary>JSON:API type: <c>authorizations</c>, <c>voids</c>, <c>captures</c> or <c>refunds</c>.</summary>
    public string ResourceType => Kind switch
    {
        TransactionKind.Authorization => "authorizations",
        TransactionKind.Void => "voids",
        TransactionKind.Capture => "captures",
        _ => "refunds",
    };

    public void MarkSucceeded(string? gatewayReference, string? message, DateTimeOffset now)
    {
        EnsurePending();
        Status = TransactionStatus.Succeeded;
        Succeeded = true;
        GatewayReference = gatewayReference;
        Message = message;
        Touch(now);
    }

    public void MarkFailed(string errorCode, string? message, DateTimeOffset now)
    {
        EnsurePending();
        Status = TransactionStatus.Failed;
        Succeeded = false;
        ErrorCode = errorCode;
        Message = message;
        Touch(now);
    }

    private void EnsurePending()
    {
        if (Status != TransactionStatus.Pending)
            throw new InvalidOperationException($"The {Kind} transaction is already {Status}.");
    }
}
