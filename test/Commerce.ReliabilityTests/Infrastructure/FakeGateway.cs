using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commerce.ReliabilityTests.Infrastructure;

/// <summary>What the fake gateway does with one authorize call.</summary>
public enum GatewayBehaviour
{
    /// <summary>Authorizes at once.</summary>
    Approve,
    /// <summary>Answers <c>declined</c>.</summary>
    Decline,
    /// <summary>Answers 500 without authorizing.</summary>
    Error,
    /// <summary>Never answers within the service's timeout, and authorizes nothing.</summary>
    Hang,
    /// <summary>Authorizes after <see cref="FakeGateway.SlowDelay"/> (within the timeout).</summary>
    Slow,
    /// <summary>Authorizes at once, then answers after <see cref="FakeGateway.LateBy"/>, when the caller has given up.</summary>
    Late,
    /// <summary>
    /// Never answers, and commits the authorization only after the caller has given up and looked it up (and found
    /// nothing): the money is held although the service was told nothing is.
    /// </summary>
    CommitAfterLookup,
}

/// <summary>What the fake gateway does with one void, capture or refund call, besides honouring its idempotency key.</summary>
public enum MoveFault
{
    /// <summary>Acts (or declines) and answers at once.</summary>
    None,
    /// <summary>Answers 500 and does nothing (the gateway is down).</summary>
    Error,
    /// <summary>Acts, then answers 500 (the gateway moved the money, and its answer is lost).</summary>
    ActThenError,
    /// <summary>Acts, then answers only after <see cref="FakeGateway.HangFor"/>, when the caller has given up.</summary>
    ActThenHang,
    /// <summary>Answers 400 without a status and does nothing (the gateway refused the request).</summary>
    Refuse,
}

/// <summary>
/// The service's <c>external</c> payment gateway, played by an HTTP server on loopback inside the test process, so
/// that it serves in-process hosts and child processes alike. It checks every signature, keeps every authorization
/// by idempotency key (the same key never authorizes twice), voids/captures/refunds the authorization named by reference
/// once per idempotency key (a repeated key gets the first answer and moves nothing), answers lookups,
/// and misbehaves as <see cref="Decide"/> says for authorizations (by default by token: <c>tok_decline</c>, <c>tok_error</c>,
/// <c>tok_hang</c>, <c>tok_slow</c>, <c>tok_late</c>; anything else approves) and <see cref="DecideMove"/> for voids, captures
/// and refunds (by default never). Tokens are never logged or kept.
/// </summary>
public sealed class FakeGateway : IAsyncDisposable
{
    public const string Secret = "reliability-gateway-secret";

    public sealed class Authorization(string key, string orderId, long amountCents, string currencyCode, string reference)
    {
        public string Key { get; } = key;
        public string OrderId { get; } = orderId;
        public long AmountCents { get; } = amountCents;
        public string CurrencyCode { get; } = currencyCode;
        public string Reference { get; } = reference;
        /// <summary><c>authorized</c>, <c>voided</c>, <c>captured</c> or <c>refunded</c>.</summary>
        public string Status { get; set; } = "authorized";
    }

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Authorization> _byKey = new();
    private readonly ConcurrentDictionary<string, Authorization> _byReference = new();
    private readonly ConcurrentDictionary<string, int> _authorizeCallsByOrder = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _lookups = new();
    private readonly Dictionary<string, Move> _movesByKey = [];
    private readonly Lock _statusLock = new();
    private int _authorizeCalls, _faults, _badSignatures, _voids;

    /// <summary>The first answer to a void, capture or refund under one idempotency key, and how often the key was sent.</summary>
    private sealed class Move(string key, string orderId, string operation, bool approved, string? reference, string? message)
    {
        public string Key { get; } = key;
        public string OrderId { get; } = orderId;
        public string Operation { get; } = operation;
        public bool Approved { get; } = approved;
        public string? Reference { get; } = reference;
        public string? Message { get; } = message;
        public int Calls { get; set; } = 1;
    }

    private FakeGateway(WebApplication app) => _app = app;

    /// <summary>Decides each authorize call from its token and order id.</summary>
    public Func<string?, string, GatewayBehaviour> Decide { get; set; } = (token, _) => ByToken(token);

    /// <summary>Decides each void, capture or refund call (operation <c>void</c>, <c>capture</c>, <c>refund</c>; order id).</summary>
    public Func<string, string, MoveFault> DecideMove { get; set; } = (_, _) => MoveFault.None;

    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromMilliseconds(300);
    public TimeSpan HangFor { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan LateBy { get; set; } = TimeSpan.FromSeconds(3);
    /// <summary>A delay before every answer (e.g. random, so that a kill lands in the middle of placements).</summary>
    public Func<TimeSpan> Latency { get; set; } = () => TimeSpan.Zero;

    public Uri BaseAddress { get; private set; } = null!;
    public int AuthorizeCalls => Volatile.Read(ref _authorizeCalls);
    public int FaultsInjected => Volatile.Read(ref _faults);
    public int BadSignatures => Volatile.Read(ref _badSignatures);
    public int Voids => Volatile.Read(ref _voids);
    public int AuthorizeCallsFor(string orderId) => _authorizeCallsByOrder.GetValueOrDefault(orderId);

    /// <summary>Every authorization made so far, with its current status.</summary>
    public IReadOnlyList<GatewayRecord> Snapshot()
    {
        lock (_statusLock)
            return [.. _byKey.Values.Select(a => new GatewayRecord(a.Key, a.OrderId, a.AmountCents, a.CurrencyCode, a.Status))];
    }

    /// <summary>
    /// Every void, capture and refund asked for, one per idempotency key: its first answer (the only one that acted) and how
    /// many calls carried the key.
    /// </summary>
    public IReadOnlyList<GatewayMove> Moves()
    {
        lock (_statusLock)
            return [.. _movesByKey.Values.Select(m => new GatewayMove(m.Key, m.OrderId, m.Operation, m.Approved, m.Calls))];
    }

    public static GatewayBehaviour ByToken(string? token) => token switch
    {
        "tok_decline" => GatewayBehaviour.Decline,
        "tok_error" => GatewayBehaviour.Error,
        "tok_hang" => GatewayBehaviour.Hang,
        "tok_slow" => GatewayBehaviour.Slow,
        "tok_late" => GatewayBehaviour.Late,
        "tok_commit_after_lookup" => GatewayBehaviour.CommitAfterLookup,
        _ => GatewayBehaviour.Approve,
    };

    /// <summary>The service's configuration of its <c>external</c> gateway pointed at this server, ':'-separated keys.</summary>
    public Dictionary<string, string?> Settings(double timeoutSeconds) => new()
    {
        ["Payments:External:AuthorizeUrl"] = new Uri(BaseAddress, "authorize").ToString(),
        ["Payments:External:VoidUrl"] = new Uri(BaseAddress, "void").ToString(),
        ["Payments:External:CaptureUrl"] = new Uri(BaseAddress, "capture").ToString(),
        ["Payments:External:RefundUrl"] = new Uri(BaseAddress, "refund").ToString(),
        ["Payments:External:LookupUrl"] = new Uri(BaseAddress, "lookup").ToString(),
        ["Payments:External:SharedSecret"] = Secret,
        ["Payments:External:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static async Task<FakeGateway> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var gateway = new FakeGateway(app);
        app.MapPost("/authorize", gateway.AuthorizeAsync);
        app.MapPost("/void", context => gateway.ChangeAsync(context, "void", "voided", "authorized"));
        app.MapPost("/capture", context => gateway.ChangeAsync(context, "capture", "captured", "authorized"));
        app.MapPost("/refund", context => gateway.ChangeAsync(context, "refund", "refunded", "captured"));
        app.MapGet("/lookup", gateway.LookupAsync);
        await app.StartAsync();
        gateway.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return gateway;
    }

    private async Task<JsonNode?> ReadSignedAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));
        if (context.Request.Headers["X-Commerce-Signature"].ToString() != expected)
        {
            Interlocked.Increment(ref _badSignatures);
            context.Response.StatusCode = 401;
            return null;
        }
        return JsonNode.Parse(body);
    }

    private async Task AuthorizeAsync(HttpContext context)
    {
        var request = await ReadSignedAsync(context);
        if (request is null)
            return;
        var key = request["idempotency_key"]!.GetValue<string>();
        var orderId = request["order_id"]!.GetValue<string>();
        Interlocked.Increment(ref _authorizeCalls);
        _authorizeCallsByOrder.AddOrUpdate(orderId, 1, (_, n) => n + 1);
        await Task.Delay(Latency(), CancellationToken.None);

        if (_byKey.TryGetValue(key, out var earlier))
        {
            await AnswerAsync(context, earlier.Status == "authorized" ? "approved" : "declined", earlier.Reference);
            return;
        }

        var behaviour = Decide(request["token"]?.GetValue<string>(), orderId);
        if (behaviour != GatewayBehaviour.Approve)
            Interlocked.Increment(ref _faults);
        switch (behaviour)
        {
            case GatewayBehaviour.Decline:
                await AnswerAsync(context, "declined", null, "declined by the fake gateway");
                return;
            case GatewayBehaviour.Error:
                context.Response.StatusCode = 500;
                return;
            case GatewayBehaviour.Hang:
                try { await Task.Delay(HangFor, context.RequestAborted); } catch (OperationCanceledException) { }
                context.Response.StatusCode = 500;
                return;
            case GatewayBehaviour.CommitAfterLookup:
                var lookedUp = _lookups.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                if (await Task.WhenAny(lookedUp, Task.Delay(HangFor, CancellationToken.None)) == lookedUp)
                    Authorize(key, orderId, request);
                return;
            case GatewayBehaviour.Slow:
                // A real gateway finishes its work whether or not the caller still listens.
                await Task.Delay(SlowDelay, CancellationToken.None);
                break;
        }
        var authorization = Authorize(key, orderId, request);
        if (behaviour == GatewayBehaviour.Late)
            await Task.Delay(LateBy, CancellationToken.None);
        try
        {
            await AnswerAsync(context, "approved", authorization.Reference);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The caller is gone; the money is held all the same.
        }
    }

    private Authorization Authorize(string key, string orderId, JsonNode request)
    {
        var created = new Authorization(key, orderId, request["amount_cents"]!.GetValue<long>(), request["currency_code"]!.GetValue<string>(),
            "fg_" + Guid.NewGuid().ToString("N"));
        var authorization = _byKey.GetOrAdd(key, created);
        _byReference.TryAdd(authorization.Reference, authorization);
        return authorization;
    }

    /// <summary>
    /// A void, capture or refund, honouring its idempotency key as a real gateway does: the first call under a key acts (or
    /// declines) and is remembered; a repeat of the same operation under the key gets that first answer and acts no more; the
    /// key sent for another operation is declined.
    /// </summary>
    private async Task ChangeAsync(HttpContext context, string operation, string to, string from)
    {
        var request = await ReadSignedAsync(context);
        if (request is null)
            return;
        await Task.Delay(Latency(), CancellationToken.None);
        var key = request["idempotency_key"]?.GetValue<string>();
        if (string.IsNullOrEmpty(key) || context.Request.Headers["Idempotency-Key"].ToString() != key)
        {
            context.Response.StatusCode = 400;
            return;
        }
        var reference = request["gateway_reference"]?.GetValue<string>();
        var fault = DecideMove(operation, request["order_id"]!.GetValue<string>());
        if (fault is MoveFault.Error or MoveFault.Refuse)
        {
            Interlocked.Increment(ref _faults);
            context.Response.StatusCode = fault == MoveFault.Error ? 500 : 400;
            return;
        }
        Move move;
        lock (_statusLock)
        {
            if (_movesByKey.TryGetValue(key, out var first))
            {
                first.Calls++;
                move = first.Operation == operation ? first
                    : new Move(key, first.OrderId, operation, false, null, $"the idempotency key was used for a {first.Operation}");
            }
            else if (reference is null || !_byReference.TryGetValue(reference, out var authorization))
                move = _movesByKey[key] = new Move(key, request["order_id"]!.GetValue<string>(), operation, false, null, "unknown reference");
            else
            {
                var changed = authorization.Status == from;
                if (changed)
                {
                    authorization.Status = to;
                    if (to == "voided")
                        Interlocked.Increment(ref _voids);
                }
                move = _movesByKey[key] = new Move(key, authorization.OrderId, operation, changed, changed ? "fm_" + Guid.NewGuid().ToString("N") : null,
                    changed ? null : $"the authorization is {authorization.Status}");
            }
        }
        switch (fault)
        {
            case MoveFault.ActThenError:
                Interlocked.Increment(ref _faults);
                context.Response.StatusCode = 500;
                return;
            case MoveFault.ActThenHang:
                Interlocked.Increment(ref _faults);
                try { await Task.Delay(HangFor, context.RequestAborted); } catch (OperationCanceledException) { }
                context.Response.StatusCode = 500;
                return;
        }
        await AnswerAsync(context, move.Approved ? "approved" : "declined", move.Reference, move.Message);
    }

    private async Task LookupAsync(HttpContext context)
    {
        var key = context.Request.Query["idempotency_key"].ToString();
        var found = _byKey.TryGetValue(key, out var authorization);
        _lookups.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        if (!found || authorization is null)
        {
            context.Response.StatusCode = 404;
            return;
        }
        string status;
        lock (_statusLock)
            status = authorization.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["reference"] = authorization.Reference,
            ["amount_cents"] = authorization.AmountCents,
            ["currency_code"] = authorization.CurrencyCode,
            ["status"] = status,
        }));
    }

    private static Task AnswerAsync(HttpContext context, string status, string? reference, string? message = null)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { status, reference, message }));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One void, capture or refund the gateway was asked for under <see cref="IdempotencyKey"/>: whether it acted, and how many calls carried the key.</summary>
public sealed record GatewayMove(string IdempotencyKey, string OrderId, string Operation, bool Approved, int Calls);

/// <summary>One authorization the gateway holds or held: <see cref="Status"/> <c>authorized</c>, <c>voided</c>, <c>captured</c>, <c>refunded</c>.</summary>
public sealed record GatewayRecord(string IdempotencyKey, string OrderId, long AmountCents, string CurrencyCode, string Status)
{
    /// <summary>Money is held (or taken): authorized or captured.</summary>
    public bool Holds => Status is "authorized" or "captured";
}
