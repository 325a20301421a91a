using System.Reflection;
using System.Runtime.ExceptionServices;
using Commerce.Api.Configuration;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;

namespace Commerce.Api.Placement;

/// <summary>
/// The <c>Testing</c> configuration section: for crash tests only. <see cref="HaltAt"/> names points of placing an order
/// or of moving its money (<see cref="HaltPoints"/>) where the service stops, logs that it did, and waits to be killed, so
/// that a test can <c>kill -9</c> it exactly there and check what the restarted service settles. Unset (the default and the
/// only sensible production value) the service registers nothing and no code of this file runs.
/// </summary>
public sealed class TestingOptions
{
    public const string Section = "Testing";

    /// <summary>One or more of <see cref="HaltPoints.All"/>, comma-separated, or null.</summary>
    public string? HaltAt { get; set; }

    /// <summary>The points of <see cref="HaltAt"/>.</summary>
    public IReadOnlySet<string> Points() => (HaltAt ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}

/// <summary>The rules of the <c>Testing</c> section: a halt point is one of the named ones.</summary>
internal sealed class TestingOptionsValidator() : SectionValidator<TestingOptions>(TestingOptions.Section)
{
    protected override void Check(TestingOptions options, SectionProblems problems)
    {
        foreach (var point in options.Points().Where(p => !HaltPoints.All.Contains(p)))
            problems.Add($"{problems.Key(nameof(options.HaltAt))} names '{point}': expected one or more of {string.Join(", ", HaltPoints.All)}");
    }
}

/// <summary>
/// The named points where a crash test stops the service (<c>Testing:HaltAt</c>). They sit at the persistence ports of
/// <see cref="PlacementService"/> and <see cref="OrderPaymentService"/>, each right after a commit or right before one:
/// <list type="bullet">
/// <item><see cref="PlacementBegan"/>: the compare-and-set committed (order <c>placing</c>, units and holds taken, the
/// <c>pending</c> authorization written, the number drawn), the gateway not asked yet.</item>
/// <item><see cref="PlacementApproved"/>: the gateway approved the authorization; nothing of the completion saved.</item>
/// <item><c>void-began</c>, <c>capture-began</c>, <c>refund-began</c>: a <c>_cancel</c>, <c>_capture</c> or <c>_refund</c>
/// claimed the order and committed its <c>pending</c> void, capture or refund; the gateway not asked yet.</item>
/// <item><c>void-approved</c>, <c>capture-approved</c>, <c>refund-approved</c>: the gateway moved the money; the order and the
/// transaction not saved.</item>
/// </list>
/// </summary>
public static partial class HaltPoints
{
    public const string PlacementBegan = "placement-began";
    public const string PlacementApproved = "placement-approved";

    /// <summary>The claim of a void (<c>_cancel</c>), capture or refund committed with its pending transaction: <c>void-began</c>, ….</summary>
    public static string PaymentBegan(string kind) => kind + "-began";

    /// <summary>The gateway approved the void, capture or refund; nothing saved: <c>void-approved</c>, ….</summary>
    public static string PaymentApproved(string kind) => kind + "-approved";

    private static readonly string[] Movements = [TransactionKind.Void, TransactionKind.Capture, TransactionKind.Refund];

    public static IReadOnlyList<string> All { get; } =
        [PlacementBegan, PlacementApproved, .. Movements.Select(PaymentBegan), .. Movements.Select(PaymentApproved)];

    /// <summary>The line the service logs when it halts (the test waits for it): <c>Halted at {point} for order {id}</c>.</summary>
    public static string Reached(string point, string orderId) => $"Halted at {point} for order {orderId}";

    /// <summary>
    /// With halt points configured, the placement and payment stores are wrapped by a proxy that halts there (every other
    /// call passes through unchanged); without any nothing is registered.
    /// </summary>
    internal static IServiceCollection AddHaltPoints(this IServiceCollection services, TestingOptions options)
    {
        var points = options.Points();
        if (points.Count == 0)
            return services;
        Decorate<IPlacementStore>(services, points);
        Decorate<IOrderPaymentStore>(services, points);
        return services;
    }

    private static void Decorate<TStore>(IServiceCollection services, IReadOnlySet<string> points) where TStore : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(TStore));
        services.Remove(registered);
        services.Add(new ServiceDescriptor(typeof(TStore), sp =>
        {
            var inner = (TStore)registered.ImplementationFactory!(sp);
            var proxy = DispatchProxy.Create<TStore, HaltingStore>();
            ((HaltingStore)(object)proxy).Wrap(inner, points, sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HaltPoints)));
            return proxy;
        }, registered.Lifetime));
    }

    /// <summary>Logs that the service halted at <paramref name="point"/> and never returns (the test kills the process).</summary>
    internal static async Task HaltAsync(ILogger logger, string point, string orderId)
    {
        LogHalted(logger, point, orderId);
        await Task.Delay(Timeout.Infinite, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Halted at {HaltPoint} for order {OrderId} (Testing:HaltAt): waiting to be killed")]
    private static partial void LogHalted(ILogger logger, string haltPoint, string orderId);
}

/// <summary>
/// A store that passes every call to the real one and halts at the configured point. A proxy rather than a class that
/// implements the ports, so that members added to them later pass through without a change here.
/// </summary>
public class HaltingStore : DispatchProxy
{
    private object _inner = null!;
    private IReadOnlySet<string> _points = null!;
    private ILogger _logger = null!;

    internal void Wrap(object inner, IReadOnlySet<string> points, ILogger logger) => (_inner, _points, _logger) = (inner, points, logger);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var method = targetMethod;
        var first = args is { Length: > 0 } ? args[0] : null;
        switch (method.Name, first)
        {
            // Before: nothing of the completion (or of the money movement's outcome) is saved.
            case (nameof(IPlacementStore.CompleteAsync), Order order) when _points.Contains(HaltPoints.PlacementApproved):
                return Halted<bool>(HaltPoints.PlacementApproved, order.Id);
            case (nameof(IOrderPaymentStore.SaveAsync), Order order) when args![2] is PaymentTransaction moved && _points.Contains(HaltPoints.PaymentApproved(moved.Kind)):
                return HaltPoints.HaltAsync(_logger, HaltPoints.PaymentApproved(moved.Kind), order.Id);
        }
        var result = Call(method, args);
        return (method.Name, first) switch
        {
            // After: the commit is done.
            (nameof(IPlacementStore.TryBeginPlacingAsync), Order order) when _points.Contains(HaltPoints.PlacementBegan) =>
                After((Task<BeginPlacing>)result!, begun => begun.Begun, HaltPoints.PlacementBegan, order.Id),
            (nameof(IOrderPaymentStore.TryBeginPaymentAsync), Order order) when args![2] is PaymentTransaction moving && _points.Contains(HaltPoints.PaymentBegan(moving.Kind)) =>
                After((Task<bool>)result!, claimed => claimed, HaltPoints.PaymentBegan(moving.Kind), order.Id),
            _ => result,
        };
    }

    private object? Call(MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(_inner, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }

    private async Task<T> Halted<T>(string point, string orderId)
    {
        await HaltPoints.HaltAsync(_logger, point, orderId);
        return default!;
    }

    private async Task<T> After<T>(Task<T> call, Func<T, bool> halts, string point, string orderId)
    {
        var result = await call;
        if (halts(result))
            await HaltPoints.HaltAsync(_logger, point, orderId);
        return result;
    }
}
