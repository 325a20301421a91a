using Commerce.Api.Gateways;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;
using Commerce.UnitTests.Domain.Support;

namespace Commerce.UnitTests.Domain.Placement;

public class PlacementServiceTests : PaymentsFixture
{
    private Task<PaymentTransaction> Place(Order order, PlacementService? service = null) =>
        (service ?? NewPlacementService()).PlaceAsync(order, Store.VersionOf(order.Id));

    [Test]
    public async Task Can_place_order_with_wire_transfer()
    {
        var order = Registered(TestOrders.Placeable());
        var authorization = await Place(order);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Placed));
            Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Authorized));
            Assert.That(order.Number, Is.EqualTo(1001));
            Assert.That(order.PlacedAt, Is.EqualTo(Clock.GetUtcNow()));
            Assert.That(order.Placeable, Is.False);
            Assert.That(order.Editable, Is.False);
            Assert.That(Store.StoredStatus(order.Id), Is.EqualTo(OrderStatus.Placed));
            Assert.That(authorization.Kind, Is.EqualTo(TransactionKind.Authorization));
            Assert.That(authorization.Status, Is.EqualTo(TransactionStatus.Succeeded));
            Assert.That(authorization.Succeeded, Is.True);
            Assert.That(authorization.AmountCents, Is.EqualTo(order.TotalAmountCents));
            Assert.That(Store.Transactions, Is.EqualTo(new[] { authorization }));
            Assert.That(Gateway.AuthorizeCalls, Is.Zero);
        }
    }

    [Test]
    public async Task Can_place_order_through_the_test_gateway()
    {
        var order = Registered(TestOrders.Placeable(token: "tok_visa"));
        var authorization = await Place(order);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Placed));
            Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Authorized));
            Assert.That(authorization.Succeeded, Is.True);
            Assert.That(authorization.GatewayReference, Does.StartWith("test_auth_"));
            Assert.That(Gateway.AuthorizeCalls, Is.EqualTo(1));
            Assert.That(Gateway.OpenAuthorizations, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Zero_total_order_is_placed_free_without_asking_the_gateway()
    {
        var order = Registered(TestOrders.Placeable(TestOrders.Sku(priceCents: 0, doNotShip: true), token: "tok_visa"));
        await Place(order);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Free));
            Assert.That(Gateway.AuthorizeCalls, Is.Zero);
        }
    }

    [Test]
    public async Task Unmet_preconditions_fail_with_every_failure_and_change_nothing()
    {
        var order = Registered(TestOrders.NewOrder("EUR", "it"));
        var ex = await Assert.ThrowsAsync<PlacementFailedException>(() => Place(order));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Failures, Has.Count.EqualTo(5));
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Draft));
            Assert.That(Store.StoredStatus(order.Id), Is.EqualTo(OrderStatus.Draft));
            Assert.That(Store.Transactions, Is.Empty);
        }
    }

    [Test]
    public async Task Declined_payment_leaves_the_order_pending_and_unpaid_with_a_failed_authorization()
    {
        var order = Registered(TestOrders.Placeable(token: TestPaymentGateway.DeclinedToken));
        var ex = await Assert.ThrowsAsync<PaymentDeclinedException>(() => Place(order));
        var authorization = Store.Transactions.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Code, Is.EqualTo("PAYMENT_DECLINED"));
            Assert.That(ex.Member, Is.EqualTo("payment_source"));
            Assert.That(ex.IsRelationship, Is.True);
            Assert.That(ex.Message, Does.Not.Contain("tok_"));
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Pending));
            Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Unpaid));
            Assert.That(order.Number, Is.Null);
            Assert.That(Store.StoredStatus(order.Id), Is.EqualTo(OrderStatus.Pending));
            Assert.That(authorization.Status, Is.EqualTo(TransactionStatus.Failed));
            Assert.That(authorization.ErrorCode, Is.EqualTo("PAYMENT_DECLINED"));
            Assert.That(authorization.Message, Is.EqualTo("card declined"));
        }
    }

    [Test]
    public async Task Gateway_error_leaves_the_order_pending_with_nothing_authorized()
    {
        var order = Registered(TestOrders.Placeable(token: TestPaymentGateway.ErrorToken));
        var ex = await Assert.ThrowsAsync<PaymentGatewayException>(() => Place(order));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Code, Is.EqualTo("PAYMENT_GATEWAY_ERROR"));
            Assert.That(ex.TimedOut, Is.False);
            Assert.That(ex.Message, Does.Not.Contain("tok_"));
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Pending));
            Assert.That(Store.StoredStatus(order.Id), Is.EqualTo(OrderStatus.Pending));
            Assert.That(Gateway.OpenAuthorizations, Is.Zero);
            Assert.That(Store.Transactions.Single().ErrorCode, Is.EqualTo("PAYMENT_GATEWAY_ERROR"));
        }
    }

    [Test]
    public async Task Placement_may_be_retried_after_a_gateway_error()
    {
        var order = Registered(TestOrders.Placeable(token: TestPaymentGateway.ErrorToken));
        await Assert.ThrowsAsync<PaymentGatewayException>(() => Place(order));
        ((ExternalPayment)order.PaymentSource!).ChangeToken("tok_visa");
        await Place(order);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Placed));
            Assert.That(Store.Transactions.Select(t => t.Status), Is.EqualTo(new[] { TransactionStatus.Failed, TransactionStatus.Succeeded }));
            Assert.That(Store.Transactions.Select(t => t.IdempotencyKey).Distinct().Count(), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Gateway_timeout_voids_what_the_gateway_authorized_and_leaves_the_order_pending()
    {
        var gateway = new TestPaymentGateway(Clock, TimeSpan.FromSeconds(10));
        var order = Registered(TestOrders.Placeable(token: TestPaymentGateway.TimeoutToken));
        var placing = Place(order, NewPlacementService(gateway));
        await Clock.WaitForTimersAsync();
        Assert.That(placing.IsCompleted, Is.False);
        Clock.Advance(TimeSpan.FromSeconds(10));
        var ex = await Assert.ThrowsAsync<PaymentGatewayException>(() => placing);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.TimedOut, Is.True);
            Assert.That(ex.Released, Is.True, "voided: nothing is held");
            Assert.That(ex.Message, Does.Not.Contain("tok_"));
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Pending));
            Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Unpaid));
            Assert.That(Store.StoredStatus(order.Id), Is.EqualTo(OrderStatus.Pending));
            Assert.That(gateway.OpenAuthorizations, Is.Zero);
            Assert.That(gateway.VoidCalls, Is.EqualTo(1));
            Assert.That(Store.Transactions.Select(t => (t.Kind, t.Status)), Is.EqualTo(new[]
            {
                (TransactionKind.Authorization, TransactionStatus.Failed),
                (TransactionKind.Void, TransactionStatus.Succeeded),
            }));
        }
    }

    [Test]
    public async Task Gateway_timeout_with_a_tiny_real_timeout_also_leaves_nothing_authorized()
    {
        var order = Registered(TestOrders.Placeable(token: TestPaymentGateway.TimeoutToken));
        var ex = await Assert.ThrowsAsync<PaymentGatewayException>(() => Place(order));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.TimedOut, Is.True);
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Pending));
            Assert.That(Gateway.OpenAuthorizations, Is.Zero);
        }
    }

    [Test]
    public async Task A_gateway_slower_than_the_service_timeout_is_a_timeout()
    {
        var slow = new TestPaymentGateway(Clock, TimeSpan.FromSeconds(60));
        var order = Registered(TestOrders.Placeable(token: TestPaymentGateway.TimeoutToken));
        var placing = Place(order, NewPlacementService(slow, TimeSpan.FromSeconds(5)));
        await Clock.WaitForTimersAsync(2);
        Clock.Advance(TimeSpan.FromSeconds(5));
        var ex = await Assert.ThrowsAsync<PaymentGatewayException>(() => placing);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.TimedOut, Is.True);
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Pending));
            Assert.That(slow.OpenAuthorizations, Is.Zero);
            Assert.That(slow.AuthorizeCalls, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task A_gateway_that_throws_is_a_gateway_error_without_its_message()
    {
        var order = Registered(TestOrders.Placeable(token: "tok_visa"));
        var ex = await Assert.ThrowsAsync<PaymentGatewayException>(() => Place(order, NewPlacementService(new ThrowingGateway())));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Does.Not.Contain("tok_visa"));
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Pending));
        }
    }

    [Test]
    public async Task Losing_the_compare_and_set_is_a_conflict_and_the_gateway_is_not_asked()
    {
        var order = Registered(TestOrders.Placeable(token: "tok_visa"));
        Store.SetStoredStatus(order.Id, OrderStatus.Placing);
        var ex = await Assert.ThrowsAsync<PlacementConflictException>(() => Place(order));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Code, Is.EqualTo("CONFLICT"));
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Pending));
            Assert.That(Gateway.AuthorizeCalls, Is.Zero);
            Assert.That(Store.Transactions, Is.Empty);
        }
    }

    [Test]
    public async Task Placing_twice_fails_the_second_time_on_status()
    {
        var order = Registered(TestOrders.Placeable(token: "tok_visa"));
        await Place(order);
        var ex = await Assert.ThrowsAsync<PlacementFailedException>(() => Place(order));
        Assert.That(ex!.Failures.Select(f => (f.Member, f.IsRelationship)), Is.EqualTo(new[] { ("status", false) }));
        Assert.That(Gateway.AuthorizeCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task Twenty_concurrent_placements_of_one_order_succeed_exactly_once()
    {
        var order = Registered(TestOrders.Placeable(token: "tok_visa"));
        var service = NewPlacementService();
        var loaded = Store.VersionOf(order.Id);
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await service.PlaceAsync(order, loaded);
                return "placed";
            }
            catch (PlacementConflictException)
            {
                return "conflict";
            }
            catch (PlacementFailedException ex) when (ex.Failures.All(f => f is { Member: "status", IsRelationship: false }))
            {
                return "already placed";
            }
        })).ToArray();
        start.Set();
        var outcomes = await Task.WhenAll(attempts);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcomes.Count(o => o == "placed"), Is.EqualTo(1));
            Assert.That(outcomes.Count(o => o != "placed"), Is.EqualTo(19));
            Assert.That(Gateway.AuthorizeCalls, Is.EqualTo(1));
            Assert.That(Store.CompleteCalls, Is.EqualTo(1));
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Placed));
            Assert.That(Store.Transactions, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task Reconcile_completes_an_interrupted_placement_the_gateway_authorized()
    {
        var (order, pending) = await InterruptedPlacement(gatewayAuthorized: true);
        var outcome = await NewPlacementService().ReconcileAsync(order, Store.VersionOf(order.Id));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(ReconcileOutcome.Completed));
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Placed));
            Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Authorized));
            Assert.That(order.Number, Is.Not.Null);
            Assert.That(pending.Status, Is.EqualTo(TransactionStatus.Succeeded));
            Assert.That(pending.GatewayReference, Does.StartWith("test_auth_"));
            Assert.That(Store.StoredStatus(order.Id), Is.EqualTo(OrderStatus.Placed));
        }
    }

    [Test]
    public async Task Reconcile_undoes_an_interrupted_placement_the_gateway_never_authorized()
    {
        var (order, pending) = await InterruptedPlacement(gatewayAuthorized: false);
        var outcome = await NewPlacementService().ReconcileAsync(order, Store.VersionOf(order.Id));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(ReconcileOutcome.Undone));
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Pending));
            Assert.That(order.Number, Is.Null);
            Assert.That(pending.Status, Is.EqualTo(TransactionStatus.Failed));
            Assert.That(Store.StoredStatus(order.Id), Is.EqualTo(OrderStatus.Pending));
        }
    }

    [Test]
    public async Task Reconcile_undoes_a_placement_an_older_version_left_without_an_authorization()
    {
        // Before the pending authorization was committed with the compare-and-set, a crash between the two left this.
        var order = Registered(TestOrders.Placeable(token: "tok_visa"));
        Store.LeavePlacingWithoutAuthorization(order.Id);
        order.BeginPlacing();
        var outcome = await NewPlacementService().ReconcileAsync(order, Store.VersionOf(order.Id));
        Assert.That(outcome, Is.EqualTo(ReconcileOutcome.Undone));
        Assert.That(order.Status, Is.EqualTo(OrderStatus.Pending));
    }

    [Test]
    public async Task Reconcile_leaves_orders_that_are_not_placing_alone()
    {
        var order = Registered(TestOrders.Placeable());
        Assert.That(await NewPlacementService().ReconcileAsync(order, Store.VersionOf(order.Id)), Is.EqualTo(ReconcileOutcome.NothingToDo));
    }

    /// <summary>Simulates a crash after the pending authorization was written (and optionally after the gateway authorized).</summary>
    private async Task<(Order Order, PaymentTransaction Pending)> InterruptedPlacement(bool gatewayAuthorized)
    {
        var order = Registered(TestOrders.Placeable(token: "tok_visa"));
        var pending = PaymentTransaction.Begin(TransactionKind.Authorization, order.Id, order.TotalAmountCents, order.CurrencyCode, Clock.GetUtcNow());
        Assert.That((await Store.TryBeginPlacingAsync(order, Store.VersionOf(order.Id), order.Status, pending, default)).Begun, Is.True);
        order.BeginPlacing();
        if (gatewayAuthorized)
        {
            var result = await Gateway.AuthorizeAsync(
                new GatewayRequest(order.Id, pending.AmountCents, pending.CurrencyCode, "tok_visa", pending.IdempotencyKey), default);
            Assert.That(result.IsApproved, Is.True);
        }

        return (order, pending);
    }

    private sealed class ThrowingGateway : IPaymentGateway
    {
        public Task<GatewayResult> AuthorizeAsync(GatewayRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("boom with " + request.Token);

        public Task<GatewayResult> VoidAsync(GatewayRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(GatewayResult.Failed("nothing"));

        public Task<GatewayResult> CaptureAsync(GatewayRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(GatewayResult.Failed("nothing"));

        public Task<GatewayResult> RefundAsync(GatewayRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(GatewayResult.Failed("nothing"));

        public Task<GatewayAuthorization?> FindAuthorizationAsync(string idempotencyKey, CancellationToken cancellationToken) =>
            Task.FromResult<GatewayAuthorization?>(null);
    }
}

public class PlacementServiceEdgeTests : PaymentsFixture
{
    [Test]
    public async Task A_decline_reason_that_echoes_the_token_is_scrubbed()
    {
        var order = TestOrders.Placeable(token: "tok_secret123");
        Store.Register(order);
        var ex = await Assert.ThrowsAsync<PaymentDeclinedException>(() =>
            NewPlacementService(new ScriptedGateway(GatewayResult.Declined("token tok_secret123 refused"))).PlaceAsync(order, Store.VersionOf(order.Id)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Does.Not.Contain("tok_secret123"));
            Assert.That(Store.Transactions.Single().Message, Is.EqualTo("token [token] refused"));
        }
    }

    [Test]
    public async Task When_the_void_cannot_be_made_sure_of_the_order_stays_placing_for_reconciliation()
    {
        var order = TestOrders.Placeable(token: "tok_visa");
        Store.Register(order);
        var gateway = new ScriptedGateway(GatewayResult.Failed("broken")) { FindThrows = true };
        var failure = await Assert.ThrowsAsync<PaymentGatewayException>(() => NewPlacementService(gateway).PlaceAsync(order, Store.VersionOf(order.Id)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.Released, Is.False, "the answer must not claim that no money is held");
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Placing));
            Assert.That(Store.StoredStatus(order.Id), Is.EqualTo(OrderStatus.Placing));
            Assert.That(Store.Transactions.Single().Status, Is.EqualTo(TransactionStatus.Pending));
        }

        gateway.FindThrows = false;
        var outcome = await NewPlacementService(gateway).ReconcileAsync(order, Store.VersionOf(order.Id));
        Assert.That(outcome, Is.EqualTo(ReconcileOutcome.Undone));
        Assert.That(order.Status, Is.EqualTo(OrderStatus.Pending));
    }

    [Test]
    public async Task The_test_gateway_authorizes_once_per_idempotency_key()
    {
        var gateway = new TestPaymentGateway(Clock);
        var request = new GatewayRequest("o1", 100, "EUR", "tok_visa", "key-1");
        var first = await gateway.AuthorizeAsync(request, default);
        var second = await gateway.AuthorizeAsync(request, default);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.GatewayReference, Is.EqualTo(first.GatewayReference));
            Assert.That(gateway.OpenAuthorizations, Is.EqualTo(1));
            Assert.That(gateway.AuthorizeCalls, Is.EqualTo(2));
            Assert.That(await gateway.FindAuthorizationAsync("key-1", default), Is.Not.Null);
            Assert.That(await gateway.FindAuthorizationAsync("key-2", default), Is.Null);
        }
    }

    [Test]
    public async Task An_unknown_gateway_name_is_a_gateway_error_before_anything_changes()
    {
        var order = TestOrders.Placeable(token: "tok_visa");
        order.PaymentMethod!.Gateway = "stripe";
        Store.Register(order);
        await Assert.ThrowsAsync<PaymentGatewayException>(() => NewPlacementService(new TestPaymentGateway(Clock)).PlaceAsync(order, Store.VersionOf(order.Id)));
        Assert.That(Store.StoredStatus(order.Id), Is.EqualTo(OrderStatus.Pending));
    }

    private sealed class ScriptedGateway(GatewayResult authorizeResult) : IPaymentGateway
    {
        public bool FindThrows { get; set; }

        public Task<GatewayResult> AuthorizeAsync(GatewayRequest request, CancellationToken cancellationToken) => Task.FromResult(authorizeResult);

        public Task<GatewayResult> VoidAsync(GatewayRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(GatewayResult.Approved(request.GatewayReference ?? "x"));

        public Task<GatewayResult> CaptureAsync(GatewayRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(GatewayResult.Approved("x"));

        public Task<GatewayResult> RefundAsync(GatewayRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(GatewayResult.Approved("x"));

        public Task<GatewayAuthorization?> FindAuthorizationAsync(string idempotencyKey, CancellationToken cancellationToken) =>
            FindThrows ? throw new TimeoutException("down") : Task.FromResult<GatewayAuthorization?>(null);
    }
}
