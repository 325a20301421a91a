using Commerce.Domain.Common;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;
using Commerce.UnitTests.Domain.Support;

namespace Commerce.UnitTests.Domain.Payments;

public class OrderPaymentServiceTests : PaymentsFixture
{
    [Test]
    public async Task Cancel_voids_the_authorization_at_the_gateway()
    {
        var order = await PlacedOrder();
        var voiding = await Payments.CancelAsync(order, Store.VersionOf(order.Id));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Voided));
            Assert.That(voiding!.ResourceType, Is.EqualTo("voids"));
            Assert.That(voiding.Succeeded, Is.True);
            Assert.That(Gateway.OpenAuthorizations, Is.Zero);
        }
    }

    [Test]
    public async Task A_capture_of_an_order_another_actor_changed_since_it_was_loaded_is_refused_and_moves_no_money()
    {
        var order = await PlacedOrder();
        var loaded = Store.VersionOf(order.Id);
        Store.ChangedByAnotherActor(order.Id);

        await Assert.ThrowsAsync<PaymentInProgressException>(() => Payments.CaptureAsync(order, loaded));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Gateway.OpenAuthorizations, Is.EqualTo(1), "the authorization is still held, nothing was captured");
            Assert.That(await Store.FindPendingPaymentAsync(order.Id, CancellationToken.None), Is.Null, "no capture was begun");
        }
    }

    [Test]
    public async Task Capture_then_refund_moves_the_money_at_the_gateway()
    {
        var order = await PlacedOrder();
        var capture = await Payments.CaptureAsync(order, Store.VersionOf(order.Id));
        Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        var refund = await Payments.RefundAsync(order, Store.VersionOf(order.Id));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(capture.Succeeded, Is.True);
            Assert.That(refund.Succeeded, Is.True);
            Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Refunded));
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Cancelled));
        }
    }

    [Test]
    public async Task Wire_transfer_orders_are_captured_without_a_gateway()
    {
        var order = await PlacedOrder(token: null);
        var capture = await Payments.CaptureAsync(order, Store.VersionOf(order.Id));
        Assert.That(capture.Succeeded, Is.True);
        Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
    }

    [Test]
    public async Task Refund_before_capture_is_refused_before_any_transaction()
    {
        var order = await PlacedOrder();
        var before = Store.Transactions.Count;
        var ex = await Assert.ThrowsAsync<DomainException>(() => Payments.RefundAsync(order, Store.VersionOf(order.Id)));
        Assert.That(ex!.Member, Is.EqualTo("payment_status"));
        Assert.That(Store.Transactions, Has.Count.EqualTo(before));
    }

    [Test]
    public async Task Capturing_a_pending_order_is_refused_on_status()
    {
        var order = TestOrders.Placeable();
        Store.Register(order);
        var ex = await Assert.ThrowsAsync<DomainException>(() => Payments.CaptureAsync(order, Store.VersionOf(order.Id)));
        Assert.That(ex!.Member, Is.EqualTo("status"));
    }

    [TestCase(MovementTrouble.ActsThenNoAnswer)]
    [TestCase(MovementTrouble.ActsThenThrows)]
    public async Task A_capture_the_gateway_made_without_an_answer_stays_pending_and_a_retry_moves_no_money(MovementTrouble trouble)
    {
        var order = await PlacedOrder();
        var troubled = new OrderPaymentService(Store, new PaymentGatewayResolver(new Dictionary<string, IPaymentGateway> { [Commerce.Api.Gateways.TestPaymentGateway.Name] = new TroubledMovements(Gateway, trouble) }), Clock);

        var failure = await Assert.ThrowsAsync<PaymentGatewayException>(() => troubled.CaptureAsync(order, Store.VersionOf(order.Id)));
        var retry = await Assert.ThrowsAsync<PaymentInProgressException>(() => Payments.CaptureAsync(order, Store.VersionOf(order.Id)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That((failure!.Released, failure.Movement), Is.EqualTo((false, TransactionKind.Capture)), "the gateway may have made the capture");
            Assert.That(await Store.FindPendingPaymentAsync(order.Id, CancellationToken.None), Is.Not.Null, "the capture stays pending");
            Assert.That(retry!.PendingType, Is.EqualTo("captures"), "a retry under a new key is refused while it is pending");
            Assert.That(Gateway.CaptureCalls, Is.EqualTo(1), "no second capture was asked for");
            Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Authorized), "the order is unchanged until the gateway answers");
        }
    }

    [Test]
    public async Task A_capture_the_gateway_refuses_fails_at_once_and_may_be_retried()
    {
        var order = await PlacedOrder();
        var refusing = new OrderPaymentService(Store, new PaymentGatewayResolver(new Dictionary<string, IPaymentGateway> { [Commerce.Api.Gateways.TestPaymentGateway.Name] = new TroubledMovements(Gateway, MovementTrouble.Refuses) }), Clock);

        var failure = await Assert.ThrowsAsync<PaymentGatewayException>(() => refusing.CaptureAsync(order, Store.VersionOf(order.Id)));
        Assert.That((failure!.Released, failure.Movement), Is.EqualTo((true, TransactionKind.Capture)));
        Assert.That(await Store.FindPendingPaymentAsync(order.Id, CancellationToken.None), Is.Null, "nothing was done: the capture failed");

        var capture = await Payments.CaptureAsync(order, Store.VersionOf(order.Id));

        Assert.That(capture.Succeeded, Is.True);
        Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
    }
}
