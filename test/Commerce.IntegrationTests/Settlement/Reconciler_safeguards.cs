using Commerce.Api.Gateways;
using Commerce.Api.Persistence;
using Commerce.Api.Placement;
using Commerce.Domain.Payments;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Commerce.IntegrationTests.Settlement;

/// <summary>
/// The reconciler's safeguards (docs/placing-and-payments.md, steps 7 and 8): it leaves alone placements younger than
/// <c>Payments:ReconcileAfterSeconds</c>; one order it cannot settle does not end its pass; it asks about late
/// authorizations only within <c>Payments:LateAuthorizationWindowSeconds</c>, only those that failed with a gateway error, at
/// most the 100 newest per pass, and stops a pass at the first lookup that fails; it settles cut-off voids, captures and
/// refunds the oldest 100 per pass, leaves one its gateway gives no answer to pending and goes on, and stops that pass after
/// three in a row got no answer. Time is the subject, so the service runs on
/// a <see cref="FakeTimeProvider"/> that only the test moves; the reconciler's timer (an hour, on that clock) never fires,
/// so only the passes the test runs happen. The test gateway stands in for the gateway, behind a wrapper whose lookups and movements fail
/// (throw, or answer as a gateway that did not answer) for the keys the test names.
/// </summary>
public sealed class Reconciler_safeguards : ApiFixture
{
    private const double WindowSeconds = 600;
    private const double ReconcileAfterSeconds = 120;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly HashSet<string> _failingLookups = [];
    private readonly HashSet<string> _unansweredMoves = [];

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Payments:ReconcileIntervalSeconds"] = "3600",
        ["Payments:ReconcileAfterSeconds"] = ReconcileAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Payments:LateAuthorizationWindowSeconds"] = WindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // Two tests build 101 orders each within a minute: more requests than one caller's default budget.
        ["Limits:PerCallerPerMinute"] = "100000",
        ["Limits:PerIpPerMinute"] = "100000",
    };

    protected override Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? Configure => builder => builder.ConfigureTestServices(services =>
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IPaymentGatewayResolver>(sp => new PaymentGatewayResolver(new Dictionary<string, IPaymentGateway>
        {
            [TestPaymentGateway.Name] = new KeyFailingGateway(sp.GetRequiredService<TestPaymentGateway>(), _failingLookups, _unansweredMoves),
        }));
    });

    private TestPaymentGateway Gateway => Factory.Services.GetRequiredService<TestPaymentGateway>();

    private PlacementReconciler Reconciler => Factory.Services.GetRequiredService<PlacementReconciler>();

    [SetUp]
    public void NoLookupFails()
    {
        lock (_failingLookups)
        {
            _failingLookups.Clear();
            _unansweredMoves.Clear();
        }
    }

    [Test]
    public async Task A_late_authorization_older_than_the_window_is_not_asked_about_and_one_within_it_is_voided()
    {
        var outside = await LateAuthorizationAsync(PaymentGatewayException.ErrorCode);
        _clock.Advance(TimeSpan.FromSeconds(WindowSeconds + 1));
        var inside = await LateAuthorizationAsync(PaymentGatewayException.ErrorCode);

        var released = await Reconciler.ReleaseLateAuthorizationsAsync(CancellationToken.None);

        Assert.That(released, Is.EqualTo(1));
        Assert.That(Gateway.StatusOf(inside), Is.EqualTo("voided"), "within the window: asked about and voided");
        Assert.That(Gateway.StatusOf(outside), Is.EqualTo("authorized"), "failed longer ago than the window: no longer asked about");
    }

    [Test]
    public async Task A_declined_authorization_is_not_asked_about_again()
    {
        var declined = await LateAuthorizationAsync(PaymentDeclinedException.ErrorCode);

        var released = await Reconciler.ReleaseLateAuthorizationsAsync(CancellationToken.None);

        Assert.That(released, Is.Zero);
        Assert.That(Gateway.StatusOf(declined), Is.EqualTo("authorized"), "only gateway errors and timeouts are asked about again");
    }

    [Test]
    public async Task At_most_the_hundred_newest_late_authorizations_are_asked_about_in_one_pass()
    {
        var oldest = await LateAuthorizationAsync(PaymentGatewayException.ErrorCode);
        var newer = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            newer.Add(await LateAuthorizationAsync(PaymentGatewayException.ErrorCode));
        }

        var released = await Reconciler.ReleaseLateAuthorizationsAsync(CancellationToken.None);

        Assert.That(released, Is.EqualTo(100));
        Assert.That(newer.Select(Gateway.StatusOf).ToList(), Has.Count.EqualTo(100).And.All.EqualTo("voided"));
        Assert.That(Gateway.StatusOf(oldest), Is.EqualTo("authorized"), "the 101st newest waits for a later pass");
    }

    [Test]
    public async Task A_late_authorization_pass_stops_at_the_first_lookup_that_fails()
    {
        var older = await LateAuthorizationAsync(PaymentGatewayException.ErrorCode);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var newest = await LateAuthorizationAsync(PaymentGatewayException.ErrorCode, failLookup: true);

        var released = await Reconciler.ReleaseLateAuthorizationsAsync(CancellationToken.None);

        Assert.That(released, Is.Zero);
        Assert.That(Gateway.StatusOf(older), Is.EqualTo("authorized"), "after the newest one's lookup failed, the gateway is not asked about the older one");
        NoLookupFails();
        Assert.That(await Reconciler.ReleaseLateAuthorizationsAsync(CancellationToken.None), Is.EqualTo(2), "the next pass asks about both");
        Assert.That(new[] { Gateway.StatusOf(older), Gateway.StatusOf(newest) }, Is.All.EqualTo("voided"));
    }

    [Test]
    public async Task A_placement_younger_than_the_reconcile_age_is_left_alone_and_settled_once_it_is_older()
    {
        var id = await PlacingOrderAsync();

        _clock.Advance(TimeSpan.FromSeconds(ReconcileAfterSeconds - 1));
        await Reconciler.ReconcileOnceAsync(CancellationToken.None);
        Assert.That((await Api.OrderAsync(id)).Text("status"), Is.EqualTo("placing"), "it may still be asking the gateway");

        _clock.Advance(TimeSpan.FromSeconds(2));
        await Reconciler.ReconcileOnceAsync(CancellationToken.None);
        Assert.That((await Api.OrderAsync(id)).Text("status"), Is.EqualTo("pending"), "older than the limit: settled (nothing was authorized)");
    }

    [Test]
    public async Task An_order_the_reconciler_cannot_settle_does_not_stop_it_settling_the_others()
    {
        var stuck = await PlacingOrderAsync(pendingAuthorizationLookupFails: true);
        var other = await PlacingOrderAsync();
        _clock.Advance(TimeSpan.FromSeconds(ReconcileAfterSeconds + 1));

        await Reconciler.ReconcileOnceAsync(CancellationToken.None);

        Assert.That((await Api.OrderAsync(stuck)).Text("status"), Is.EqualTo("placing"), "its gateway could not be asked: left for the next pass");
        Assert.That((await Api.OrderAsync(other)).Text("status"), Is.EqualTo("pending"));
        NoLookupFails();
        await Reconciler.ReconcileOnceAsync(CancellationToken.None);
        Assert.That((await Api.OrderAsync(stuck)).Text("status"), Is.EqualTo("pending"), "settled once its gateway answers");
    }

    [Test]
    public async Task At_most_the_hundred_oldest_cut_off_payments_are_settled_in_one_pass()
    {
        var orders = new List<string>();
        for (var i = 0; i < 101; i++)
        {
            orders.Add(await CutOffCaptureAsync());
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
        _clock.Advance(TimeSpan.FromSeconds(ReconcileAfterSeconds + 1));

        var settled = await Reconciler.SettlePaymentsAsync(CancellationToken.None);

        Assert.That(settled, Is.EqualTo(100));
        Assert.That((await Api.OrderAsync(orders[0])).Text("payment_status"), Is.EqualTo("paid"), "the oldest is settled");
        Assert.That((await Api.OrderAsync(orders[^1])).Text("payment_status"), Is.EqualTo("authorized"), "the 101st oldest waits for a later pass");
        Assert.That(await Reconciler.SettlePaymentsAsync(CancellationToken.None), Is.EqualTo(1), "the next pass settles it");
        Assert.That((await Api.OrderAsync(orders[^1])).Text("payment_status"), Is.EqualTo("paid"));
    }

    [TestCase(GatewayTrouble.Throws)]
    [TestCase(GatewayTrouble.NoAnswer)]
    public async Task A_cut_off_payment_whose_gateway_gives_no_answer_stays_pending_and_the_pass_goes_on_to_the_next(GatewayTrouble trouble)
    {
        var older = await CutOffCaptureAsync(trouble);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var newer = await CutOffCaptureAsync();
        _clock.Advance(TimeSpan.FromSeconds(ReconcileAfterSeconds + 1));

        var settled = await Reconciler.SettlePaymentsAsync(CancellationToken.None);

        Assert.That(settled, Is.EqualTo(1));
        Assert.That(await CaptureStatusesAsync(older), Is.EqualTo(new[] { "pending" }), "no answer: whether the capture was made is not known, so nothing is recorded");
        Assert.That((await Api.OrderAsync(older)).Text("payment_status"), Is.EqualTo("authorized"));
        Assert.That((await Api.OrderAsync(newer)).Text("payment_status"), Is.EqualTo("paid"), "one payment its gateway does not answer for does not hold up the others");
        NoLookupFails();
        Assert.That(await Reconciler.SettlePaymentsAsync(CancellationToken.None), Is.EqualTo(1), "the next pass settles it");
        Assert.That((await Api.OrderAsync(older)).Text("payment_status"), Is.EqualTo("paid"));
    }

    [Test]
    public async Task A_payment_settling_pass_stops_after_three_payments_in_a_row_get_no_answer()
    {
        var unanswered = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            unanswered.Add(await CutOffCaptureAsync(i % 2 == 0 ? GatewayTrouble.Throws : GatewayTrouble.NoAnswer));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
        var fourth = await CutOffCaptureAsync();
        _clock.Advance(TimeSpan.FromSeconds(ReconcileAfterSeconds + 1));
        var captures = Gateway.CaptureCalls;

        var settled = await Reconciler.SettlePaymentsAsync(CancellationToken.None);

        Assert.That(settled, Is.Zero);
        Assert.That(Gateway.CaptureCalls, Is.EqualTo(captures), "a gateway in trouble is not asked about the fourth");
        Assert.That(await CaptureStatusesAsync(fourth), Is.EqualTo(new[] { "pending" }));
        NoLookupFails();
        Assert.That(await Reconciler.SettlePaymentsAsync(CancellationToken.None), Is.EqualTo(4), "the next pass settles all four");
        foreach (var order in unanswered.Append(fourth))
            Assert.That((await Api.OrderAsync(order)).Text("payment_status"), Is.EqualTo("paid"));
    }

    public enum GatewayTrouble
    {
        None,
        /// <summary>Asking the gateway throws (it cannot be reached).</summary>
        Throws,
        /// <summary>The gateway's answer is <see cref="GatewayResult.NoAnswer"/> (a timeout or a 5xx at the external gateway).</summary>
        NoAnswer,
    }

    /// <summary>
    /// A placed order whose <c>_capture</c> a crash cut off before it reached the gateway: its pending capture, written now (on
    /// the fake clock); asking the gateway to capture it meets <paramref name="trouble"/> until <see cref="NoLookupFails"/>.
    /// </summary>
    private async Task<string> CutOffCaptureAsync(GatewayTrouble trouble = GatewayTrouble.None)
    {
        var id = (await new CheckoutBuilder(Api).BuildAsync()).Id;
        var placed = await Api.PlaceAsync(id);
        Assert.That(placed.Status, Is.EqualTo(System.Net.HttpStatusCode.OK), placed.ToString());
        _clock.Advance(TimeSpan.FromSeconds(1));
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == id);
        var capture = PaymentTransaction.Begin(TransactionKind.Capture, id, order.TotalAmountCents, order.CurrencyCode, _clock.GetUtcNow());
        db.PaymentTransactions.Add(capture);
        await db.SaveChangesAsync();
        lock (_failingLookups)
            (trouble switch { GatewayTrouble.Throws => _failingLookups, GatewayTrouble.NoAnswer => _unansweredMoves, _ => [] }).Add(capture.IdempotencyKey);
        return id;
    }

    private async Task<List<string?>> CaptureStatusesAsync(string orderId) =>
        [.. (await Api.RelatedAsync(orderId, "captures")).Select(t => t!["attributes"]!.Text("status"))];

    /// <summary>
    /// What a gateway that committed an authorization after the service gave up leaves: the gateway holds it under the key
    /// of an authorization the service recorded as failed with <paramref name="errorCode"/> now (on the fake clock). Returns
    /// the gateway's reference.
    /// </summary>
    private async Task<string> LateAuthorizationAsync(string errorCode, bool failLookup = false)
    {
        var order = (await new CheckoutBuilder(Api).BuildAsync()).Id;
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var failed = PaymentTransaction.Begin(TransactionKind.Authorization, order, 1000, "EUR", _clock.GetUtcNow());
        failed.MarkFailed(errorCode, "the gateway did not answer in time", _clock.GetUtcNow());
        db.PaymentTransactions.Add(failed);
        await db.SaveChangesAsync();
        var held = await Gateway.AuthorizeAsync(new GatewayRequest(order, 1000, "EUR", "tok_visa", failed.IdempotencyKey), CancellationToken.None);
        Assert.That(held.IsApproved, Is.True);
        if (failLookup)
            lock (_failingLookups)
                _failingLookups.Add(failed.IdempotencyKey);
        return held.GatewayReference!;
    }

    /// <summary>An order a crash left <c>placing</c> now (on the fake clock) with a pending authorization the gateway holds nothing for.</summary>
    private async Task<string> PlacingOrderAsync(bool pendingAuthorizationLookupFails = false)
    {
        var id = (await new CheckoutBuilder(Api).BuildAsync()).Id;
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        await db.Orders.Where(o => o.Id == id).ExecuteUpdateAsync(set => set
            .SetProperty(o => o.Status, "placing")
            .SetProperty(o => o.PreviousStatus, "pending")
            .SetProperty(o => o.UpdatedAt, _clock.GetUtcNow()));
        var pending = PaymentTransaction.Begin(TransactionKind.Authorization, id, 1000, "EUR", _clock.GetUtcNow());
        db.PaymentTransactions.Add(pending);
        await db.SaveChangesAsync();
        if (pendingAuthorizationLookupFails)
            lock (_failingLookups)
                _failingLookups.Add(pending.IdempotencyKey);
        return id;
    }

    /// <summary>
    /// The test gateway, except that looking up one of <paramref name="failing"/> keys, or moving money under one, throws
    /// (a gateway in trouble), and moving money under one of <paramref name="unanswered"/> is answered
    /// <see cref="GatewayResult.NoAnswer"/> (both sets are locked on <paramref name="failing"/>).
    /// </summary>
    private sealed class KeyFailingGateway(TestPaymentGateway inner, HashSet<string> failing, HashSet<string> unanswered) : IPaymentGateway
    {
        public Task<GatewayResult> AuthorizeAsync(GatewayRequest request, CancellationToken cancellationToken) => inner.AuthorizeAsync(request, cancellationToken);
        public Task<GatewayResult> VoidAsync(GatewayRequest request, CancellationToken cancellationToken) => Failing(request) ?? inner.VoidAsync(request, cancellationToken);
        public Task<GatewayResult> CaptureAsync(GatewayRequest request, CancellationToken cancellationToken) => Failing(request) ?? inner.CaptureAsync(request, cancellationToken);
        public Task<GatewayResult> RefundAsync(GatewayRequest request, CancellationToken cancellationToken) => Failing(request) ?? inner.RefundAsync(request, cancellationToken);

        private Task<GatewayResult>? Failing(GatewayRequest request)
        {
            lock (failing)
                return failing.Contains(request.IdempotencyKey) ? throw new HttpRequestException("the gateway is down")
                    : unanswered.Contains(request.IdempotencyKey) ? Task.FromResult(GatewayResult.NoAnswer("the external gateway answered 503"))
                    : null;
        }

        public Task<GatewayAuthorization?> FindAuthorizationAsync(string idempotencyKey, CancellationToken cancellationToken)
        {
            lock (failing)
                if (failing.Contains(idempotencyKey))
                    throw new HttpRequestException("the gateway's lookup is down");
            return inner.FindAuthorizationAsync(idempotencyKey, cancellationToken);
        }
    }
}
