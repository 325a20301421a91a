using Commerce.Api.Gateways;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;
using Commerce.UnitTests.Domain.Support;

namespace Commerce.UnitTests.Domain.Payments;

/// <summary>
/// A void, capture or refund whose request died after writing it pending (the gateway may or may not have moved the money):
/// a retry is refused while it is pending, and <see cref="OrderPaymentService.SettleAsync"/> finishes it with its own key.
/// </summary>
public class SettlingPendingPaymentsTests : PaymentsFixture
{
    private async Task<string> AuthorizationReference(Order order) =>
        (await Store.FindSucceededAuthorizationAsync(order.Id, CancellationToken.None))!.GatewayReference!;

    /// <summary>What the request had done when the process died: the pending transaction is written; the gateway was asked, or not.</summary>
    private async Task<PaymentTransaction> CutOff(Order order, string kind, bool gatewayAsked)
    {
        var pending = PaymentTransaction.Begin(kind, order.Id, order.TotalAmountCents, order.CurrencyCode, Clock.GetUtcNow());
        await Store.SaveTransactionAsync(pending, CancellationToken.None);
        if (gatewayAsked)
        {
            var request = new GatewayRequest(order.Id, pending.AmountCents, pending.CurrencyCode, null, pending.IdempotencyKey, await AuthorizationReference(order));
            var result = await Gateway.MoveAsync(kind, request, CancellationToken.None);
            Assert.That(result.IsApproved, Is.True, "the gateway moved the money before the crash");
        }
        return pending;
    }

    [Test]
    public async Task A_void_the_gateway_approved_before_a_crash_is_settled_by_cancelling_the_order()
    {
        var order = await PlacedOrder();
        var pending = await CutOff(order, TransactionKind.Void, gatewayAsked: true);

        var outcome = await Payments.SettleAsync(order, Store.VersionOf(order.Id), pending);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(SettleOutcome.Succeeded));
            Assert.That(pending.Status, Is.EqualTo(TransactionStatus.Succeeded));
            Assert.That((order.Status, order.PaymentStatus), Is.EqualTo((OrderStatus.Cancelled, PaymentStatus.Voided)));
            Assert.That(Store.StoredStatus(order.Id), Is.EqualTo(OrderStatus.Cancelled), "order and transaction saved together");
            Assert.That(Gateway.StatusOf(await AuthorizationReference(order)), Is.EqualTo("voided"));
        }
    }

    [Test]
    public async Task A_capture_cut_off_before_it_reached_the_gateway_is_made_once_by_the_settlement()
    {
        var order = await PlacedOrder();
        var pending = await CutOff(order, TransactionKind.Capture, gatewayAsked: false);

        var outcome = await Payments.SettleAsync(order, Store.VersionOf(order.Id), pending);

        Assert.That(outcome, Is.EqualTo(SettleOutcome.Succeeded));
        Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        Assert.That(Gateway.CaptureCalls, Is.EqualTo(1));
        Assert.That(Gateway.StatusOf(await AuthorizationReference(order)), Is.EqualTo("captured"));
    }

    [Test]
    public async Task A_refund_the_gateway_approved_before_a_crash_is_settled_by_refunding_the_order()
    {
        var order = await PlacedOrder();
        await Payments.CaptureAsync(order, Store.VersionOf(order.Id));
        var pending = await CutOff(order, TransactionKind.Refund, gatewayAsked: true);

        var outcome = await Payments.SettleAsync(order, Store.VersionOf(order.Id), pending);

        Assert.That(outcome, Is.EqualTo(SettleOutcome.Succeeded));
        Assert.That((order.Status, order.PaymentStatus), Is.EqualTo((OrderStatus.Cancelled, PaymentStatus.Refunded)));
    }

    [Test]
    public async Task A_pending_capture_the_gateway_declines_is_marked_failed_and_the_order_stays_authorized()
    {
        var order = await PlacedOrder();
        var pending = await CutOff(order, TransactionKind.Capture, gatewayAsked: false);
        var declining = new PaymentGatewayResolver(new Dictionary<string, IPaymentGateway> { [TestPaymentGateway.Name] = new DecliningGateway() });

        var outcome = await new OrderPaymentService(Store, declining, Clock).SettleAsync(order, Store.VersionOf(order.Id), pending);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(SettleOutcome.Failed));
            Assert.That(pending.Status, Is.EqualTo(TransactionStatus.Failed));
            Assert.That(pending.ErrorCode, Is.EqualTo(PaymentDeclinedException.ErrorCode));
            Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Authorized));
        }
    }

    [TestCase(TransactionKind.Void, MovementTrouble.Throws)]
    [TestCase(TransactionKind.Capture, MovementTrouble.Throws)]
    [TestCase(TransactionKind.Void, MovementTrouble.NoAnswer)]
    [TestCase(TransactionKind.Capture, MovementTrouble.NoAnswer)]
    public async Task A_pending_movement_whose_gateway_throws_or_gives_no_answer_stays_pending_and_is_settled_by_a_later_pass(string kind, MovementTrouble trouble)
    {
        var order = await PlacedOrder();
        var pending = await CutOff(order, kind, gatewayAsked: true);
        var throwing = new OrderPaymentService(Store,
            new PaymentGatewayResolver(new Dictionary<string, IPaymentGateway> { [TestPaymentGateway.Name] = new TroubledMovements(Gateway, trouble) }), Clock);

        // Whether the cut-off call moved the money is known only once the gateway answers: nothing is decided without it.
        await Assert.ThrowsAsync<PaymentGatewayException>(() => throwing.SettleAsync(order, Store.VersionOf(order.Id), pending));
        Assert.That(pending.Status, Is.EqualTo(TransactionStatus.Pending));
        Assert.That(await Store.FindPendingPaymentAsync(order.Id, CancellationToken.None), Is.Not.Null, "still pending in the store");
        Assert.That((order.Status, order.PaymentStatus), Is.EqualTo((OrderStatus.Placed, PaymentStatus.Authorized)));

        var outcome = await Payments.SettleAsync(order, Store.VersionOf(order.Id), pending);

        Assert.That(outcome, Is.EqualTo(SettleOutcome.Succeeded), "the next pass gets the gateway's first answer");
        Assert.That(order.PaymentStatus, Is.EqualTo(kind == TransactionKind.Void ? PaymentStatus.Voided : PaymentStatus.Paid));
    }

    [Test]
    public async Task A_pending_void_of_an_order_that_moved_on_fails_without_asking_the_gateway_again()
    {
        var order = await PlacedOrder();
        await Payments.CaptureAsync(order, Store.VersionOf(order.Id));
        var pending = await CutOff(order, TransactionKind.Void, gatewayAsked: false);

        var outcome = await Payments.SettleAsync(order, Store.VersionOf(order.Id), pending);

        Assert.That(outcome, Is.EqualTo(SettleOutcome.Failed));
        Assert.That(Gateway.VoidCalls, Is.Zero);
        Assert.That((order.Status, order.PaymentStatus), Is.EqualTo((OrderStatus.Placed, PaymentStatus.Paid)));
    }

    [Test]
    public async Task A_transaction_another_instance_settled_first_is_left_alone()
    {
        var order = await PlacedOrder();
        var pending = await CutOff(order, TransactionKind.Void, gatewayAsked: true);
        await Payments.SettleAsync(order, Store.VersionOf(order.Id), pending);

        var again = await Payments.SettleAsync(order, Store.VersionOf(order.Id), pending);

        Assert.That(again, Is.EqualTo(SettleOutcome.NothingToDo));
        Assert.That(Store.SettleSaves, Is.EqualTo(1));
    }

    [Test]
    public async Task A_pending_void_of_an_order_still_placing_waits_for_the_placement_reconciler()
    {
        var order = TestOrders.Placeable(token: "tok_visa");
        Store.Register(order);
        order.BeginPlacing();
        var pending = PaymentTransaction.Begin(TransactionKind.Void, order.Id, order.TotalAmountCents, order.CurrencyCode, Clock.GetUtcNow());

        Assert.That(await Payments.SettleAsync(order, Store.VersionOf(order.Id), pending), Is.EqualTo(SettleOutcome.Deferred));
        Assert.That(pending.Status, Is.EqualTo(TransactionStatus.Pending));
    }

    /// <summary>
    /// A placement the gateway failed: it voids what the gateway holds under the authorization's key, and the process died
    /// there. Returns the order (not placed), the pending void and the reference of what the gateway holds.
    /// </summary>
    private async Task<(Order Order, PaymentTransaction Pending, string HeldReference)> ReleaseVoidCutOffAsync()
    {
        var order = TestOrders.Placeable(token: "tok_visa");
        Store.Register(order);
        var authorization = PaymentTransaction.Begin(TransactionKind.Authorization, order.Id, order.TotalAmountCents, order.CurrencyCode, Clock.GetUtcNow());
        var held = await Gateway.AuthorizeAsync(new GatewayRequest(order.Id, authorization.AmountCents, "EUR", "tok_visa", authorization.IdempotencyKey), CancellationToken.None);
        authorization.MarkFailed(PaymentGatewayException.ErrorCode, "no answer", Clock.GetUtcNow());
        await Store.SaveTransactionAsync(authorization, CancellationToken.None);
        var pending = PaymentTransaction.Begin(TransactionKind.Void, order.Id, order.TotalAmountCents, order.CurrencyCode, Clock.GetUtcNow());
        await Store.SaveTransactionAsync(pending, CancellationToken.None);
        return (order, pending, held.GatewayReference!);
    }

    [Test]
    public async Task A_placements_release_void_cut_off_is_settled_with_its_key_and_changes_no_order()
    {
        var (order, pending, heldReference) = await ReleaseVoidCutOffAsync();

        var outcome = await Payments.SettleAsync(order, Store.VersionOf(order.Id), pending);

        Assert.That(outcome, Is.EqualTo(SettleOutcome.Succeeded));
        Assert.That(Gateway.StatusOf(heldReference), Is.EqualTo("voided"));
        Assert.That((order.Status, order.PaymentStatus), Is.EqualTo((OrderStatus.Pending, PaymentStatus.Unpaid)));
    }

    [Test]
    public async Task A_placements_release_void_the_gateway_gives_no_answer_to_stays_pending()
    {
        var (order, pending, heldReference) = await ReleaseVoidCutOffAsync();
        var unanswered = new OrderPaymentService(Store,
            new PaymentGatewayResolver(new Dictionary<string, IPaymentGateway> { [TestPaymentGateway.Name] = new TroubledMovements(Gateway, MovementTrouble.NoAnswer) }), Clock);

        await Assert.ThrowsAsync<PaymentGatewayException>(() => unanswered.SettleAsync(order, Store.VersionOf(order.Id), pending));

        Assert.That(pending.Status, Is.EqualTo(TransactionStatus.Pending), "not recorded as failed while the money may still be held");
        Assert.That(await Payments.SettleAsync(order, Store.VersionOf(order.Id), pending), Is.EqualTo(SettleOutcome.Succeeded), "a later pass voids it");
        Assert.That(Gateway.StatusOf(heldReference), Is.EqualTo("voided"));
    }

    [TestCase("cancel", TransactionKind.Void)]
    [TestCase("capture", TransactionKind.Void)]
    [TestCase("cancel", TransactionKind.Capture)]
    [TestCase("capture", TransactionKind.Capture)]
    public async Task A_retry_while_a_movement_of_the_order_is_pending_is_refused_and_moves_no_money(string retry, string pendingKind)
    {
        var order = await PlacedOrder();
        var pending = await CutOff(order, pendingKind, gatewayAsked: true);
        var (voids, captures, transactions) = (Gateway.VoidCalls, Gateway.CaptureCalls, Store.Transactions.Count);

        var ex = await Assert.ThrowsAsync<PaymentInProgressException>(async () => { if (retry == "cancel") await Payments.CancelAsync(order, Store.VersionOf(order.Id)); else await Payments.CaptureAsync(order, Store.VersionOf(order.Id)); });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.PendingTransactionId, Is.EqualTo(pending.Id));
            Assert.That(ex.Member, Is.EqualTo("payment_status"));
            Assert.That((Gateway.VoidCalls, Gateway.CaptureCalls), Is.EqualTo((voids, captures)), "no second money movement");
            Assert.That(Store.Transactions, Has.Count.EqualTo(transactions), "no second transaction");
            Assert.That((order.Status, order.PaymentStatus), Is.EqualTo((OrderStatus.Placed, PaymentStatus.Authorized)));
        }
    }

    private sealed class DecliningGateway : IPaymentGateway
    {
        public Task<GatewayResult> AuthorizeAsync(GatewayRequest request, CancellationToken cancellationToken) => Task.FromResult(GatewayResult.Declined("no"));
        public Task<GatewayResult> VoidAsync(GatewayRequest request, CancellationToken cancellationToken) => Task.FromResult(GatewayResult.Declined("no"));
        public Task<GatewayResult> CaptureAsync(GatewayRequest request, CancellationToken cancellationToken) => Task.FromResult(GatewayResult.Declined("authorization expired"));
        public Task<GatewayResult> RefundAsync(GatewayRequest request, CancellationToken cancellationToken) => Task.FromResult(GatewayResult.Declined("no"));
        public Task<GatewayAuthorization?> FindAuthorizationAsync(string idempotencyKey, CancellationToken cancellationToken) => Task.FromResult<GatewayAuthorization?>(null);
    }
}
