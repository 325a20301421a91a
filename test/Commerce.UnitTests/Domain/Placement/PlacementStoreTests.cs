using Commerce.Api.Gateways;
using Commerce.Domain.Common;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;
using Commerce.UnitTests.Domain.Support;

namespace Commerce.UnitTests.Domain.Placement;

/// <summary>
/// Placement against the in-memory store: the shortage path (at the precondition check and at the compare-and-set, one
/// failure for both) and the version-checked writes (another actor that moved the order wins), in milliseconds.
/// </summary>
public class PlacementStoreTests : PaymentsFixture
{
    private static string SkuOf(Order order) => order.LineItems.Single().SkuId!;

    [Test]
    public async Task Too_few_units_on_hand_fail_the_placement_before_anything_changes()
    {
        var order = Registered(TestOrders.Placeable(TestOrders.Sku("MUG"), token: "tok_visa"));
        Store.SetStock(SkuOf(order), 1);
        var version = Store.VersionOf(order.Id);

        var ex = await Assert.ThrowsAsync<PlacementFailedException>(() => NewPlacementService().PlaceAsync(order, version));

        var failure = ex!.Failures.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure, Is.EqualTo(Stock.OutOfStock(new StockShortage(SkuOf(order), "MUG", 2, 1))).Using(SameFailure.Instance));
            Assert.That(failure.Detail, Is.EqualTo("MUG is out of stock: 2 requested, 1 available"));
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Pending));
            Assert.That(Store.StoredStatus(order.Id), Is.EqualTo(OrderStatus.Pending));
            Assert.That(Store.VersionOf(order.Id), Is.EqualTo(version));
            Assert.That(Store.StockOf(SkuOf(order)), Is.EqualTo(1));
            Assert.That(Store.Transactions, Is.Empty);
            Assert.That(Gateway.AuthorizeCalls, Is.Zero);
        }
    }

    [Test]
    public async Task Units_taken_by_another_placement_after_the_check_fail_the_compare_and_set_with_the_same_failure()
    {
        var order = Registered(TestOrders.Placeable(TestOrders.Sku("MUG"), token: "tok_visa"));
        var sku = SkuOf(order);
        Store.SetStock(sku, 2);
        // The check saw 2 on hand; another placement takes one of them before this one's compare-and-set.
        Store.BeforeTakingStock = () => Store.SetStock(sku, 1);
        var version = Store.VersionOf(order.Id);

        var ex = await Assert.ThrowsAsync<PlacementFailedException>(() => NewPlacementService().PlaceAsync(order, version));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Code, Is.EqualTo(FailureCodes.OutOfStock));
            Assert.That(ex.Failures.Single(), Is.EqualTo(Stock.OutOfStock(new StockShortage(sku, "MUG", 2, 1))).Using(SameFailure.Instance));
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Pending), "the order never began placing");
            Assert.That(Store.StoredStatus(order.Id), Is.EqualTo(OrderStatus.Pending));
            Assert.That(Store.VersionOf(order.Id), Is.EqualTo(version), "nothing changed");
            Assert.That(Store.StockOf(sku), Is.EqualTo(1), "nothing taken");
            Assert.That(Store.Transactions, Is.Empty);
            Assert.That(Gateway.AuthorizeCalls, Is.Zero);
        }
    }

    [Test]
    public async Task Every_short_sku_is_one_failure_at_the_compare_and_set()
    {
        var mug = TestOrders.Sku("MUG");
        var cap = TestOrders.Sku("CAP");
        var order = TestOrders.Placeable(mug, token: "tok_visa");
        order.AddLineItem(cap, 3);
        Registered(order);
        Store.BeforeTakingStock = () =>
        {
            Store.SetStock(mug.Id, 0);
            Store.SetStock(cap.Id, 2);
        };

        var ex = await Assert.ThrowsAsync<PlacementFailedException>(() => NewPlacementService().PlaceAsync(order, Store.VersionOf(order.Id)));

        Assert.That(ex!.Failures.Select(f => (f.Code, f.Meta!["sku_code"], f.Meta["available"])), Is.EquivalentTo(new[]
        {
            (FailureCodes.OutOfStock, (object)"MUG", (object)0),
            (FailureCodes.OutOfStock, (object)"CAP", (object)2),
        }));
    }

    [Test]
    public async Task A_placement_takes_its_units_and_a_declined_one_gives_them_back()
    {
        var placed = Registered(TestOrders.Placeable(TestOrders.Sku("MUG"), token: "tok_visa"));
        await NewPlacementService().PlaceAsync(placed, Store.VersionOf(placed.Id));
        var declined = Registered(TestOrders.Placeable(TestOrders.Sku("CAP"), token: TestPaymentGateway.DeclinedToken));
        await Assert.ThrowsAsync<PaymentDeclinedException>(() => NewPlacementService().PlaceAsync(declined, Store.VersionOf(declined.Id)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Store.StockOf(SkuOf(placed)), Is.EqualTo(InMemoryPlacementStore.PlentyOfStock - 2));
            Assert.That(Store.StockOf(SkuOf(declined)), Is.EqualTo(InMemoryPlacementStore.PlentyOfStock));
            Assert.That(Store.StoredStatus(declined.Id), Is.EqualTo(OrderStatus.Pending));
        }
    }

    [Test]
    public async Task An_order_another_actor_saved_after_it_was_loaded_is_a_conflict_and_the_gateway_is_not_asked()
    {
        var order = Registered(TestOrders.Placeable(token: "tok_visa"));
        var loaded = Store.VersionOf(order.Id);
        Store.ChangedByAnotherActor(order.Id);

        var ex = await Assert.ThrowsAsync<PlacementConflictException>(() => NewPlacementService().PlaceAsync(order, loaded));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Code, Is.EqualTo("CONFLICT"));
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Pending));
            Assert.That(Store.StoredStatus(order.Id), Is.EqualTo(OrderStatus.Pending));
            Assert.That(Store.StockOf(SkuOf(order)), Is.EqualTo(InMemoryPlacementStore.PlentyOfStock));
            Assert.That(Store.Transactions, Is.Empty);
            Assert.That(Gateway.AuthorizeCalls, Is.Zero);
        }
    }

    [Test]
    public async Task A_placement_settled_by_another_actor_while_the_gateway_approved_is_not_completed_and_its_authorization_is_left_failed()
    {
        var order = Registered(TestOrders.Placeable(token: "tok_visa"));
        // While the gateway authorizes, a reconciler takes the placement for a crashed one and undoes it (a newer version).
        var gateway = new MeanwhileGateway(Gateway, () => Store.SetStoredStatus(order.Id, OrderStatus.Pending));

        await Assert.ThrowsAsync<PlacementConflictException>(() => NewPlacementService(gateway).PlaceAsync(order, Store.VersionOf(order.Id)));

        var written = Store.Written(Store.Transactions.Single().Id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Store.StoredStatus(order.Id), Is.EqualTo(OrderStatus.Pending), "as the other actor left it");
            Assert.That(written.Status, Is.EqualTo(TransactionStatus.Failed), "never pending for ever");
            Assert.That(written.ErrorCode, Is.EqualTo(PaymentGatewayException.ErrorCode), "the late-authorization sweep voids it");
        }
    }

    [Test]
    public async Task A_failed_gateway_call_releases_nothing_once_another_actor_settled_the_placement()
    {
        var order = Registered(TestOrders.Placeable(token: TestPaymentGateway.ErrorToken));
        // While the gateway fails, a reconciler completes the placement (a newer version): the renewal of the hold loses.
        var gateway = new MeanwhileGateway(Gateway, () => Store.SetStoredStatus(order.Id, OrderStatus.Placed));

        await Assert.ThrowsAsync<PlacementConflictException>(() => NewPlacementService(gateway).PlaceAsync(order, Store.VersionOf(order.Id)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Gateway.VoidCalls, Is.Zero, "what the gateway may hold is the placed order's");
            Assert.That(Store.StoredStatus(order.Id), Is.EqualTo(OrderStatus.Placed));
            Assert.That(Store.AbortCalls, Is.Zero);
        }
    }

    [Test]
    public async Task A_reconciler_holding_an_older_version_undoes_nothing()
    {
        var order = Registered(TestOrders.Placeable(token: "tok_visa"));
        var pending = PaymentTransaction.Begin(TransactionKind.Authorization, order.Id, order.TotalAmountCents, order.CurrencyCode, Clock.GetUtcNow());
        Assert.That((await Store.TryBeginPlacingAsync(order, Store.VersionOf(order.Id), order.Status, pending, default)).Begun, Is.True);
        order.BeginPlacing();
        var loaded = Store.VersionOf(order.Id);
        // The live request renewed its hold after the reconciler loaded the order.
        Assert.That(await Store.RenewPlacingAsync(order.Id, loaded, default), Is.True);

        var outcome = await NewPlacementService().ReconcileAsync(order, loaded);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(ReconcileOutcome.NothingToDo));
            Assert.That(Store.StoredStatus(order.Id), Is.EqualTo(OrderStatus.Placing), "the live request's to settle");
            Assert.That(Store.StockOf(SkuOf(order)), Is.EqualTo(InMemoryPlacementStore.PlentyOfStock - 2), "its units stay taken");
        }
    }

    /// <summary>Runs <paramref name="meanwhile"/> (another actor) while the gateway authorizes, then answers as the inner gateway does.</summary>
    private sealed class MeanwhileGateway(IPaymentGateway inner, Action meanwhile) : IPaymentGateway
    {
        public async Task<GatewayResult> AuthorizeAsync(GatewayRequest request, CancellationToken cancellationToken)
        {
            var result = await inner.AuthorizeAsync(request, cancellationToken);
            meanwhile();
            return result;
        }

        public Task<GatewayResult> VoidAsync(GatewayRequest request, CancellationToken cancellationToken) => inner.VoidAsync(request, cancellationToken);

        public Task<GatewayResult> CaptureAsync(GatewayRequest request, CancellationToken cancellationToken) => inner.CaptureAsync(request, cancellationToken);

        public Task<GatewayResult> RefundAsync(GatewayRequest request, CancellationToken cancellationToken) => inner.RefundAsync(request, cancellationToken);

        public Task<GatewayAuthorization?> FindAuthorizationAsync(string idempotencyKey, CancellationToken cancellationToken) =>
            inner.FindAuthorizationAsync(idempotencyKey, cancellationToken);
    }

    /// <summary>Two failures are the same when code, member, detail and meta are (the record compares its meta by reference).</summary>
    private sealed class SameFailure : IEqualityComparer<DomainFailure>
    {
        public static readonly SameFailure Instance = new();

        public bool Equals(DomainFailure? x, DomainFailure? y) =>
            x is not null && y is not null && x with { Meta = null } == y with { Meta = null }
            && (x.Meta ?? new Dictionary<string, object?>()).OrderBy(m => m.Key).SequenceEqual((y.Meta ?? new Dictionary<string, object?>()).OrderBy(m => m.Key));

        public int GetHashCode(DomainFailure obj) => obj.Code.GetHashCode(StringComparison.Ordinal);
    }
}
