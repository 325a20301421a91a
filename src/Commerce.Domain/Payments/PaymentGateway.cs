namespace Commerce.Domain.Payments;

/// <summary>
/// What is sent to a gateway. <see cref="Token"/> is secret: <see cref="ToString"/> leaves it out.
/// </summary>
/// <param name="OrderId">The order paid for.</param>
/// <param name="AmountCents">Minor units of <paramref name="CurrencyCode"/>.</param>
/// <param name="Token">The payment source token (external payments); null for none.</param>
/// <param name="IdempotencyKey">Same key, same operation: the gateway must not act twice.</param>
/// <param name="GatewayReference">For void/capture/refund: the gateway's reference of the authorization.</param>
public sealed record GatewayRequest(
    string OrderId,
    long AmountCents,
    string CurrencyCode,
    string? Token,
    string IdempotencyKey,
    string? GatewayReference = null)
{
    public override string ToString() =>
        $"GatewayRequest {{ OrderId = {OrderId}, AmountCents = {AmountCents}, CurrencyCode = {CurrencyCode}, IdempotencyKey = {IdempotencyKey}, GatewayReference = {GatewayReference} }}";
}

public enum GatewayOutcome
{
    Approved,
    Declined,
    Failed,
}

/// <summary>
/// A gateway's answer: approved (with its reference), declined (with the reason), or failed. A failure is either a refusal
/// (nothing was done: no URL for the operation, a request the gateway rejected) or no answer (<see cref="MayHaveActed"/>: a
/// timeout, a 5xx, a gateway that could not be reached or whose answer could not be read), after which the money may or may
/// not have moved; only asking again with the same idempotency key tells.
/// </summary>
public sealed record GatewayResult(GatewayOutcome Outcome, string? GatewayReference, string? Message, bool TimedOut = false, bool MayHaveActed = false)
{
    public static GatewayResult Approved(string gatewayReference, string? rawMessage = null) =>
        new(GatewayOutcome.Approved, gatewayReference, rawMessage);

    public static GatewayResult Declined(string reason) => new(GatewayOutcome.Declined, null, reason);

    /// <summary>The gateway refused the request, or it was never sent: nothing was done.</summary>
    public static GatewayResult Failed(string reason, bool timedOut = false) => new(GatewayOutcome.Failed, null, reason, timedOut);

    /// <summary>No usable answer (timeout, 5xx, unreachable, unreadable): the gateway may have acted.</summary>
    public static GatewayResult NoAnswer(string reason, bool timedOut = false) => new(GatewayOutcome.Failed, null, reason, timedOut, MayHaveActed: true);

    public bool IsApproved => Outcome == GatewayOutcome.Approved;
}

/// <summary>What a gateway knows about an authorization it was asked for (crash reconciliation).</summary>
/// <param name="Status"><c>authorized</c>, <c>voided</c> or <c>captured</c>.</param>
public sealed record GatewayAuthorization(string GatewayReference, long AmountCents, string CurrencyCode, string Status)
{
    public bool IsAuthorized => Status == "authorized";
}

/// <summary>
/// The port to a payment gateway. Implementations never throw for a decline; a broken gateway may answer
/// <see cref="GatewayResult.NoAnswer"/> or throw (the caller treats both alike: the gateway may have acted), and a request
/// it refused or that was never sent is <see cref="GatewayResult.Failed"/>.
/// </summary>
public interface IPaymentGateway
{
    Task<GatewayResult> AuthorizeAsync(GatewayRequest request, CancellationToken cancellationToken);

    /// <summary>Releases the authorization named by <see cref="GatewayRequest.GatewayReference"/>.</summary>
    Task<GatewayResult> VoidAsync(GatewayRequest request, CancellationToken cancellationToken);

    Task<GatewayResult> CaptureAsync(GatewayRequest request, CancellationToken cancellationToken);

    Task<GatewayResult> RefundAsync(GatewayRequest request, CancellationToken cancellationToken);

    /// <summary>The authorization made under <paramref name="idempotencyKey"/>, or null when none was made.</summary>
    Task<GatewayAuthorization?> FindAuthorizationAsync(string idempotencyKey, CancellationToken cancellationToken);
}

public static class PaymentGatewayExtensions
{
    /// <summary>The money movement of a transaction kind: void, capture or refund (anything else is refused).</summary>
    public static Task<GatewayResult> MoveAsync(this IPaymentGateway gateway, string kind, GatewayRequest request, CancellationToken cancellationToken) => kind switch
    {
        TransactionKind.Void => gateway.VoidAsync(request, cancellationToken),
        TransactionKind.Capture => gateway.CaptureAsync(request, cancellationToken),
        TransactionKind.Refund => gateway.RefundAsync(request, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a money movement: void, capture or refund."),
    };
}

/// <summary>Picks the gateway of a payment method by its <c>Gateway</c> name.</summary>
public interface IPaymentGatewayResolver
{
    /// <summary>Null for a null name (wire transfers: no gateway).</summary>
    /// <exception cref="PaymentGatewayException">No gateway has that name.</exception>
    IPaymentGateway? Resolve(string? gatewayName);
}

/// <summary>A resolver over a fixed name → gateway map (names compared ignoring case).</summary>
public sealed class PaymentGatewayResolver(IReadOnlyDictionary<string, IPaymentGateway> gateways) : IPaymentGatewayResolver
{
    private readonly Dictionary<string, IPaymentGateway> _gateways =
        new(gateways, StringComparer.OrdinalIgnoreCase);

    public IPaymentGateway? Resolve(string? gatewayName)
    {
        if (gatewayName is null)
            return null;
        return _gateways.TryGetValue(gatewayName, out var gateway)
            ? gateway
            : throw new PaymentGatewayException($"no payment gateway named '{gatewayName}' is configured");
    }
}
