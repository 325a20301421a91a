using System.Net;
using Commerce.Api.Gateways;
using Commerce.Api.Payments;
using Commerce.Api.Persistence;
using Commerce.Api.Placement;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Settlement;

/// <summary>
/// A <c>_cancel</c>, <c>_capture</c> or <c>_refund</c> whose process died after it wrote its pending transaction (and, in most
/// tests, after the gateway moved the money) but before it saved the order. The crash is simulated by writing the pending
/// transaction as the request would have (and asking the test gateway with its key, as the request would have); the
/// reconciler's pass is run directly (its timer is set to an hour, so only these passes run).
/// </summary>
public sealed class Settling_cut_off_payments : ApiFixture
{
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Payments:ReconcileIntervalSeconds"] = "3600",
    };

    private TestPaymentGateway Gateway => Factory.Services.GetRequiredService<TestPaymentGateway>();

    private PlacementReconciler Reconciler => Factory.Services.GetRequiredService<PlacementReconciler>();

    private async Task<string> PlacedOrder(bool captured = false)
    {
        var id = (await new CheckoutBuilder(Api).BuildAsync()).Id;
        var placed = await Api.PlaceAsync(id);
        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        if (captured)
        {
            var capture = await Api.TriggerAsync(id, "_capture");
            Assert.That(capture.Status, Is.EqualTo(HttpStatusCode.OK), capture.ToString());
        }
        return id;
    }

    private async Task<string> AuthorizationReference(string orderId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().PaymentTransactions
            .Where(t => t.OrderId == orderId && t.Kind == TransactionKind.Authorization && t.Succeeded)
            .Select(t => t.GatewayReference!).SingleAsync();
    }

    /// <summary>
    /// What the request left behind when it was killed: its pending transaction, written <paramref name="age"/> ago; when
    /// <paramref name="gatewayAsked"/>, the gateway was asked with its key and reference and moved the money.
    /// </summary>
    private async Task<PaymentTransaction> CutOff(string orderId, string kind, bool gatewayAsked, TimeSpan age)
    {
        PaymentTransaction pending;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
            var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId);
            var writtenAt = DateTimeOffset.UtcNow - age;
            // The request was made after the order was placed (a void written before placed_at is a placement's own).
            await db.Orders.Where(o => o.Id == orderId).ExecuteUpdateAsync(set => set.SetProperty(o => o.PlacedAt, writtenAt - TimeSpan.FromMinutes(1)));
            pending = new PaymentTransaction(kind, orderId, order.TotalAmountCents, order.CurrencyCode, PaymentTransaction.NewIdempotencyKey(), writtenAt);
            db.PaymentTransactions.Add(pending);
            await db.SaveChangesAsync();
        }
        if (gatewayAsked)
        {
            var request = new GatewayRequest(orderId, pending.AmountCents, pending.CurrencyCode, null, pending.IdempotencyKey, await AuthorizationReference(orderId));
            var result = await Gateway.MoveAsync(kind, request, CancellationToken.None);
            Assert.That(result.IsApproved, Is.True, "the gateway moved the money before the crash");
        }
        return pending;
    }

    private static readonly TimeSpan LongAgo = TimeSpan.FromMinutes(10);

    private async Task<List<string>> Statuses(string orderId, string relationship) =>
        [.. (await Api.RelatedAsync(orderId, relationship)).Select(t => t!["attributes"]!.Text("status")!)];

    private async Task<int> OutboxEvents(string orderId, string topic)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().OutboxEvents.CountAsync(e => e.ResourceId == orderId && e.Topic == topic);
    }

    [Test]
    public async Task A_void_cut_off_by_a_crash_is_settled_by_the_reconciler()
    {
        var id = await PlacedOrder();
        await CutOff(id, TransactionKind.Void, gatewayAsked: true, LongAgo);

        await Reconciler.ReconcileOnceAsync(CancellationToken.None);

        var order = await Api.OrderAsync(id);
        Assert.That((order.Text("status"), order.Text("payment_status")), Is.EqualTo(("cancelled", "voided")));
        Assert.That(order["cancelled_at"], Is.Not.Null);
        Assert.That(await Statuses(id, "voids"), Is.EqualTo(new[] { "succeeded" }));
        Assert.That(Gateway.StatusOf(await AuthorizationReference(id)), Is.EqualTo("voided"));
        Assert.That(await OutboxEvents(id, "orders.cancel"), Is.EqualTo(1), "the cancellation's event is saved with it");
    }

    [Test]
    public async Task A_capture_cut_off_before_it_reached_the_gateway_is_made_once_by_the_reconciler()
    {
        var id = await PlacedOrder();
        await CutOff(id, TransactionKind.Capture, gatewayAsked: false, LongAgo);
        var captures = Gateway.CaptureCalls;

        await Reconciler.ReconcileOnceAsync(CancellationToken.None);
        await Reconciler.ReconcileOnceAsync(CancellationToken.None);

        Assert.That((await Api.OrderAsync(id)).Text("payment_status"), Is.EqualTo("paid"));
        Assert.That(await Statuses(id, "captures"), Is.EqualTo(new[] { "succeeded" }));
        Assert.That(Gateway.CaptureCalls - captures, Is.EqualTo(1));
        Assert.That(Gateway.StatusOf(await AuthorizationReference(id)), Is.EqualTo("captured"));
    }

    [Test]
    public async Task A_refund_cut_off_by_a_crash_is_settled_by_the_reconciler()
    {
        var id = await PlacedOrder(captured: true);
        await CutOff(id, TransactionKind.Refund, gatewayAsked: true, LongAgo);

        await Reconciler.ReconcileOnceAsync(CancellationToken.None);

        var order = await Api.OrderAsync(id);
        Assert.That((order.Text("status"), order.Text("payment_status")), Is.EqualTo(("cancelled", "refunded")));
        Assert.That(await Statuses(id, "refunds"), Is.EqualTo(new[] { "succeeded" }));
        Assert.That(await OutboxEvents(id, "orders.refund"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_cancel_retried_while_the_void_is_pending_is_409_and_moves_no_money()
    {
        var id = await PlacedOrder();
        var pending = await CutOff(id, TransactionKind.Void, gatewayAsked: true, age: TimeSpan.Zero);
        var before = (await Api.OrderAsync(id)).ToJsonString();
        var voids = Gateway.VoidCalls;

        var retry = await Api.TriggerAsync(id, "_cancel");

        Assert.That(retry.Status, Is.EqualTo(HttpStatusCode.Conflict), retry.ToString());
        Assert.That(retry.MediaType, Is.EqualTo(JsonApiClient.MediaType));
        Assert.That(retry.Error.Text("code"), Is.EqualTo("CONFLICT"));
        Assert.That(retry.Error.Text("status"), Is.EqualTo("409"));
        Assert.That(retry.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/payment_status" }));
        Assert.That(retry.Error["meta"]!.Text("pending_type"), Is.EqualTo("voids"));
        Assert.That(retry.Error["meta"]!.Text("pending_id"), Is.EqualTo(pending.Id));
        Assert.That(Gateway.VoidCalls, Is.EqualTo(voids), "no second void at the gateway");
        Assert.That(await Statuses(id, "voids"), Is.EqualTo(new[] { "pending" }), "no second transaction");
        Assert.That((await Api.OrderAsync(id)).ToJsonString(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_capture_retried_while_a_void_is_pending_is_409_too()
    {
        var id = await PlacedOrder();
        await CutOff(id, TransactionKind.Void, gatewayAsked: true, age: TimeSpan.Zero);
        var captures = Gateway.CaptureCalls;

        var retry = await Api.TriggerAsync(id, "_capture");

        Assert.That(retry.Status, Is.EqualTo(HttpStatusCode.Conflict), retry.ToString());
        Assert.That(Gateway.CaptureCalls, Is.EqualTo(captures));
        Assert.That(await Api.RelatedAsync(id, "captures"), Is.Empty);
    }

    [Test]
    public async Task A_pending_void_younger_than_the_threshold_is_left_to_its_request_and_settled_once_it_is_older()
    {
        var id = await PlacedOrder();
        var pending = await CutOff(id, TransactionKind.Void, gatewayAsked: true, age: TimeSpan.Zero);

        await Reconciler.ReconcileOnceAsync(CancellationToken.None);
        Assert.That(await Statuses(id, "voids"), Is.EqualTo(new[] { "pending" }), "it may still be in flight");

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
            await db.Orders.Where(o => o.Id == id).ExecuteUpdateAsync(set => set.SetProperty(o => o.PlacedAt, DateTimeOffset.UtcNow - LongAgo - TimeSpan.FromMinutes(1)));
            await db.PaymentTransactions.Where(t => t.Id == pending.Id).ExecuteUpdateAsync(set => set.SetProperty(t => t.CreatedAt, DateTimeOffset.UtcNow - LongAgo));
        }
        await Reconciler.ReconcileOnceAsync(CancellationToken.None);

        Assert.That(await Statuses(id, "voids"), Is.EqualTo(new[] { "succeeded" }));
        var again = await Api.TriggerAsync(id, "_cancel");
        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), "the retry now finds the order cancelled: " + again);
        Assert.That(again.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/status" }));
    }

    [Test]
    public async Task Two_instances_settling_one_void_cancel_the_order_once()
    {
        var id = await PlacedOrder();
        var pending = await CutOff(id, TransactionKind.Void, gatewayAsked: true, LongAgo);
        // Both instances loaded the order and the pending void before either saved.
        await using var first = Factory.Services.CreateAsyncScope();
        await using var second = Factory.Services.CreateAsyncScope();
        async Task<(OrderPaymentService, Order, int, PaymentTransaction)> Load(IServiceProvider services)
        {
            var db = services.GetRequiredService<CommerceDbContext>();
            var order = await db.LoadAggregateAsync(id, CancellationToken.None);
            var transaction = await db.PaymentTransactions.AsNoTracking().SingleAsync(t => t.Id == pending.Id);
            return (new OrderPaymentService(services.GetRequiredService<EfOrderPaymentStore>(), services.GetRequiredService<IPaymentGatewayResolver>(), TimeProvider.System), order, db.LoadedVersion(order), transaction);
        }
        var (a, orderA, versionA, voidA) = await Load(first.ServiceProvider);
        var (b, orderB, versionB, voidB) = await Load(second.ServiceProvider);

        var outcomes = new[] { await a.SettleAsync(orderA, versionA, voidA), await b.SettleAsync(orderB, versionB, voidB) };

        Assert.That(outcomes, Is.EqualTo(new[] { SettleOutcome.Succeeded, SettleOutcome.NothingToDo }));
        Assert.That((await Api.OrderAsync(id)).Text("status"), Is.EqualTo("cancelled"));
        Assert.That(await Statuses(id, "voids"), Is.EqualTo(new[] { "succeeded" }));
        Assert.That(await OutboxEvents(id, "orders.cancel"), Is.EqualTo(1), "cancelled once");
    }

    [Test]
    public async Task A_pending_void_of_an_order_captured_meanwhile_fails_without_asking_the_gateway()
    {
        var id = await PlacedOrder(captured: true);
        await CutOff(id, TransactionKind.Void, gatewayAsked: false, LongAgo);
        var voids = Gateway.VoidCalls;

        await Reconciler.ReconcileOnceAsync(CancellationToken.None);

        var order = await Api.OrderAsync(id);
        Assert.That((order.Text("status"), order.Text("payment_status")), Is.EqualTo(("placed", "paid")));
        Assert.That(await Statuses(id, "voids"), Is.EqualTo(new[] { "failed" }));
        Assert.That(Gateway.VoidCalls, Is.EqualTo(voids));
    }
}
