using Commerce.Domain.Payments;

namespace Commerce.UnitTests.Domain.Support;

/// <summary>How a gateway in trouble treats a void, capture or refund.</summary>
public enum MovementTrouble
{
    /// <summary>It acts, then its answer is lost: <see cref="GatewayResult.NoAnswer"/> (a 5xx, a timeout).</summary>
    ActsThenNoAnswer,
    /// <summary>It acts, then the call throws (the connection dropped).</summary>
    ActsThenThrows,
    /// <summary>It refuses the request and does nothing: <see cref="GatewayResult.Failed"/>.</summary>
    Refuses,
    /// <summary>It cannot be reached: the call throws, and nothing is done.</summary>
    Throws,
    /// <summary>It answers 5xx and does nothing: <see cref="GatewayResult.NoAnswer"/>.</summary>
    NoAnswer,
}

/// <summary>The inner gateway, except that voids, captures and refunds meet <paramref name="trouble"/>; authorizations and lookups pass.</summary>
public sealed class TroubledMovements(IPaymentGateway inner, MovementTrouble trouble) : IPaymentGateway
{
    public Task<GatewayResult> AuthorizeAsync(GatewayRequest request, CancellationToken cancellationToken) => inner.AuthorizeAsync(request, cancellationToken);
    public Task<GatewayResult> VoidAsync(GatewayRequest request, CancellationToken cancellationToken) => MoveAsync(TransactionKind.Void, request, cancellationToken);
    public Task<GatewayResult> CaptureAsync(GatewayRequest request, CancellationToken cancellationToken) => MoveAsync(TransactionKind.Capture, request, cancellationToken);
    public Task<GatewayResult> RefundAsync(GatewayRequest request, CancellationToken cancellationToken) => MoveAsync(TransactionKind.Refund, request, cancellationToken);
    public Task<GatewayAuthorization?> FindAuthorizationAsync(string idempotencyKey, CancellationToken cancellationToken) => inner.FindAuthorizationAsync(idempotencyKey, cancellationToken);

    private async Task<GatewayResult> MoveAsync(string kind, GatewayRequest request, CancellationToken cancellationToken)
    {
        switch (trouble)
        {
            case MovementTrouble.Refuses:
                return GatewayResult.Failed("the gateway refused the request (400)");
            case MovementTrouble.Throws:
                throw new HttpRequestException("unreachable");
            case MovementTrouble.NoAnswer:
                return GatewayResult.NoAnswer("the gateway answered 503");
        }
        var acted = await inner.MoveAsync(kind, request, cancellationToken);
        Assert.That(acted.IsApproved, Is.True, $"the gateway made the {kind}");
        return trouble == MovementTrouble.ActsThenThrows
            ? throw new HttpRequestException("the connection dropped")
            : GatewayResult.NoAnswer("the gateway answered 503");
    }
}
