using Commerce.Domain.Common;
using Commerce.Domain.Payments;

namespace Commerce.Api.Gateways;

/// <summary>
/// The built-in <c>test</c> gateway. Decides by token: <c>tok_chargeDeclined</c> declines,
/// <c>tok_gatewayError</c> fails like a broken gateway (authorizing nothing), <c>tok_timeout</c> waits
/// <see cref="Timeout"/> on the given clock and then fails as a timeout <b>after</b> having authorized
/// (the answer was lost: the caller must void by idempotency key), any other <c>tok_</c> token approves,
/// anything else declines. Thread-safe; repeats under the same idempotency key return the first result, for
/// void, capture and refund too (a settlement after a crash asks again with the key of the cut-off call and must
/// get the answer that call got, whatever happened to the authorization since). A key reused for another
/// operation or authorization is declined.
/// </summary>
public sealed class TestPaymentGateway(TimeProvider timeProvider, TimeSpan timeout) : IPaymentGateway
{
    public const string Name = "test";
    public const string DeclinedToken = "tok_chargeDeclined";
    public const string ErrorToken = "tok_gatewayError";
    public const string TimeoutToken = "tok_timeout";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _byReference = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Movement> _movements = new(StringComparer.Ordinal);
    private int _authorizeCalls;
    private int _voidCalls;
    private int _captureCalls;
    private int _refundCalls;
    private int _authorizationsInFlight;

    public TestPaymentGateway(TimeProvider timeProvider)
        : this(timeProvider, TimeSpan.FromSeconds(10))
    {
    }

    public TimeSpan Timeout { get; } = timeout;

    /// <summary>How many times <see cref="AuthorizeAsync"/> was called.</summary>
    public int AuthorizeCalls => Volatile.Read(ref _authorizeCalls);

    public int VoidCalls => Volatile.Read(ref _voidCalls);

    public int CaptureCalls => Volatile.Read(ref _captureCalls);

    public int RefundCalls => Volatile.Read(ref _refundCalls);

    /// <summary>
    /// Calls of <see cref="AuthorizeAsync"/> that have not ended yet (a <c>tok_timeout</c> call waits until its timeout or
    /// until its caller cancels it): once none is left, nothing can be authorized late any more.
    /// </summary>
    public int AuthorizationsInFlight => Volatile.Read(ref _authorizationsInFlight);

    /// <summary>Where the authorization named by <paramref name="gatewayReference"/> stands: <c>authorized</c>, <c>voided</c>, <c>captured</c>, <c>refunded</c>; null when unknown.</summary>
    public string? StatusOf(string gatewayReference)
    {
        lock (_lock)
            return _byReference.TryGetValue(gatewayReference, out var entry) ? entry.Status : null;
    }

    /// <summary>Authorizations still holding money (status <c>authorized</c>).</summary>
    public int OpenAuthorizations
    {
        get
        {
            lock (_lock)
                return _byKey.Values.Count(e => e.Status == "authorized");
        }
    }

    public async Task<GatewayResult> AuthorizeAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _authorizeCalls);
        Interlocked.Increment(ref _authorizationsInFlight);
        try
        {
            return await DecideAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _authorizationsInFlight);
        }
    }

    private async Task<GatewayResult> DecideAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_byKey.TryGetValue(request.IdempotencyKey, out var earlier))
                return GatewayResult.Approved(earlier.Reference, "approved (idempotent repeat)");
        }

        switch (request.Token)
        {
            case DeclinedToken:
                return GatewayResult.Declined("card declined");
            case ErrorToken:
                return GatewayResult.Failed("test gateway error");
            case TimeoutToken:
                await Task.Delay(Timeout, timeProvider, cancellationToken);
                Record(request);
                return GatewayResult.NoAnswer("no answer within " + Timeout, timedOut: true);
            case { } token when token.StartsWith("tok_", StringComparison.Ordinal):
                return GatewayResult.Approved(Record(request).Reference, "approved");
            default:
                return GatewayResult.Declined("unknown test token");
        }
    }

    public Task<GatewayResult> VoidAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _voidCalls);
        return Task.FromResult(Move(request, "authorized", "voided"));
    }

    public Task<GatewayResult> CaptureAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _captureCalls);
        return Task.FromResult(Move(request, "authorized", "captured"));
    }

    public Task<GatewayResult> RefundAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _refundCalls);
        return Task.FromResult(Move(request, "captured", "refunded"));
    }

    public Task<GatewayAuthorization?> FindAuthorizationAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_byKey.TryGetValue(idempotencyKey, out var e)
                ? new GatewayAuthorization(e.Reference, e.AmountCents, e.CurrencyCode, e.Status)
                : null);
        }
    }

    private Entry Record(GatewayRequest request)
    {
        lock (_lock)
        {
            if (_byKey.TryGetValue(request.IdempotencyKey, out var existing))
                return existing;
            var entry = new Entry("test_auth_" + ResourceId.New(), request.AmountCents, request.CurrencyCode) { Status = "authorized" };
            _byKey[request.IdempotencyKey] = entry;
            _byReference[entry.Reference] = entry;
            return entry;
        }
    }

    private GatewayResult Move(GatewayRequest request, string from, string to)
    {
        lock (_lock)
        {
            if (_movements.TryGetValue(request.IdempotencyKey, out var earlier))
            {
                return earlier.To == to && earlier.GatewayReference == request.GatewayReference
                    ? earlier.Result
                    : GatewayResult.Declined("idempotency key was used for another request");
            }
            if (request.GatewayReference is null || !_byReference.TryGetValue(request.GatewayReference, out var entry))
                return GatewayResult.Failed("unknown authorization"); // a failure is not an answer: not kept
            GatewayResult result;
            if (entry.Status == to)
                result = GatewayResult.Approved(entry.Reference, $"already {to}");
            else if (entry.Status != from)
                result = GatewayResult.Declined($"authorization is {entry.Status}");
            else
            {
                entry.Status = to;
                result = GatewayResult.Approved(entry.Reference, to);
            }
            _movements[request.IdempotencyKey] = new Movement(to, request.GatewayReference, result);
            return result;
        }
    }

    /// <summary>The first answer to a void, capture or refund under one idempotency key.</summary>
    private sealed record Movement(string To, string GatewayReference, GatewayResult Result);

    private sealed record Entry(string Reference, long AmountCents, string CurrencyCode)
    {
        public string Status { get; set; } = "authorized";
    }
}
