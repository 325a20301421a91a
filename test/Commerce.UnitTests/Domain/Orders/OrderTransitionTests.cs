using Commerce.Domain.Common;
using Commerce.Domain.Orders;
using Commerce.Domain.Placement;
using Commerce.UnitTests.Domain.Support;

namespace Commerce.UnitTests.Domain.Orders;

/// <summary>Every transition tried from every status: the allowed ones succeed, the others throw on <c>status</c>.</summary>
public class OrderTransitionTests
{
    private static readonly DateTimeOffset Now = TestOrders.Now;

    private static readonly Dictionary<string, (Action<Order> Act, string[] AllowedFrom, string Expected)> Transitions = new()
    {
        ["begin_placing"] = (o => o.BeginPlacing(), [OrderStatus.Draft, OrderStatus.Pending], OrderStatus.Placing),
        ["complete_placement"] = (o => o.CompletePlacement(7, Now), [OrderStatus.Placing], OrderStatus.Placed),
        ["abort_placement"] = (o => o.AbortPlacement(), [OrderStatus.Placing], OrderStatus.Pending),
        ["approve"] = (o => o.Approve(Now), [OrderStatus.Placed], OrderStatus.Approved),
        ["cancel"] = (o => o.Cancel(Now), [OrderStatus.Placed, OrderStatus.Approved], OrderStatus.Cancelled),
        ["capture"] = (o => o.Capture(Now), [OrderStatus.Placed, OrderStatus.Approved], "(same)"),
        ["refund"] = (o => o.Refund(Now), [OrderStatus.Placed, OrderStatus.Approved], OrderStatus.Cancelled),
    };

    private static IEnumerable<TestCaseData> Cases() =>
        from transition in Transitions.Keys
        from status in OrderStatus.All
        select new TestCaseData(transition, status).SetName($"{transition} from {status}");

    [TestCaseSource(nameof(Cases))]
    public void Transition_is_allowed_only_from_its_statuses(string transition, string status)
    {
        var (act, allowedFrom, expected) = Transitions[transition];
        // Refund needs a paid order; the others start from an authorized (or unpaid) one.
        var order = TestOrders.InStatus(status, paid: transition == "refund" && status != OrderStatus.Cancelled);
        if (allowedFrom.Contains(status))
        {
            act(order);
            Assert.That(order.Status, Is.EqualTo(expected == "(same)" ? status : expected));
        }
        else
        {
            var before = order.Status;
            var ex = Assert.Throws<DomainException>(() => act(order));
            using (Assert.EnterMultipleScope())
            {
                Assert.That(ex!.Code, Is.EqualTo("VALIDATION_ERROR"));
                Assert.That(ex.Member, Is.EqualTo("status"));
                Assert.That(order.Status, Is.EqualTo(before));
            }
        }
    }

    private static IEnumerable<TestCaseData> EditCases()
    {
        var edits = new Dictionary<string, Action<Order>>
        {
            ["add_line_item"] = o => o.AddLineItem(TestOrders.Sku("OTHER"), 1),
            ["change_quantity"] = o => o.ChangeLineItemQuantity(o.LineItems.First().Id, 3),
            ["remove_line_item"] = o => o.RemoveLineItem(o.LineItems.First().Id),
            ["set_customer_email"] = o => o.SetCustomerEmail("x@example.com"),
            ["set_billing_address"] = o => o.SetBillingAddress(null),
            ["set_shipping_address"] = o => o.SetShippingAddress(null),
            ["set_shipping_method"] = o => o.SetShippingMethod(null),
            ["set_payment_method"] = o => o.SetPaymentMethod(null),
            ["set_payment_source"] = o => o.SetPaymentSource(null),
            ["refresh"] = o => o.Refresh(),
        };
        foreach (var (name, edit) in edits)
        {
            foreach (var status in new[] { OrderStatus.Placing, OrderStatus.Placed, OrderStatus.Approved, OrderStatus.Cancelled })
                yield return new TestCaseData(edit, status).SetName($"{name} refused when {status}");
        }
    }

    [TestCaseSource(nameof(EditCases))]
    public void Edits_are_refused_once_the_order_is_not_editable(Action<Order> edit, string status)
    {
        var order = TestOrders.InStatus(status);
        var ex = Assert.Throws<DomainException>(() => edit(order));
        Assert.That(ex!.Member, Is.EqualTo("status"));
    }

    [Test]
    public void Placement_sets_number_placed_at_and_authorized()
    {
        var order = TestOrders.InStatus(OrderStatus.Placing);
        order.CompletePlacement(42, Now);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.Number, Is.EqualTo(42));
            Assert.That(order.PlacedAt, Is.EqualTo(Now));
            Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Authorized));
            Assert.That(order.Editable, Is.False);
            Assert.That(order.Placeable, Is.False);
        }
    }

    [Test]
    public void Placement_of_a_zero_total_order_is_free()
    {
        var order = TestOrders.NewOrder("EUR", "it", "a@example.com");
        order.AddLineItem(TestOrders.Sku(priceCents: 0, doNotShip: true), 1);
        order.BeginPlacing();
        order.CompletePlacement(1, Now);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Free));
            Assert.That(order.FulfillmentStatus, Is.EqualTo(FulfillmentStatus.NotRequired));
        }
    }

    [Test]
    public void Aborting_placement_returns_to_the_previous_status()
    {
        var draft = TestOrders.InStatus(OrderStatus.Draft);
        draft.BeginPlacing();
        draft.AbortPlacement();
        Assert.That(draft.Status, Is.EqualTo(OrderStatus.Draft));
    }

    [Test]
    public void Cancel_voids_the_authorization()
    {
        var order = TestOrders.InStatus(OrderStatus.Approved);
        order.Cancel(Now);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Voided));
            Assert.That(order.CancelledAt, Is.EqualTo(Now));
        }
    }

    [Test]
    public void Cancel_of_a_paid_order_is_refused_on_payment_status()
    {
        var order = TestOrders.InStatus(OrderStatus.Placed, paid: true);
        var ex = Assert.Throws<DomainException>(() => order.Cancel(Now));
        Assert.That(ex!.Member, Is.EqualTo("payment_status"));
    }

    [Test]
    public void Capture_makes_the_order_paid_and_refund_cancels_it()
    {
        var order = TestOrders.InStatus(OrderStatus.Approved);
        order.Capture(Now);
        Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        order.Refund(Now);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Refunded));
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That(order.CancelledAt, Is.EqualTo(Now));
        }
    }

    [Test]
    public void Refund_of_an_unpaid_authorization_is_refused_on_payment_status()
    {
        var order = TestOrders.InStatus(OrderStatus.Placed);
        var ex = Assert.Throws<DomainException>(() => order.Refund(Now));
        Assert.That(ex!.Member, Is.EqualTo("payment_status"));
    }

    [Test]
    public void Capture_twice_is_refused_on_payment_status()
    {
        var order = TestOrders.InStatus(OrderStatus.Placed, paid: true);
        var ex = Assert.Throws<DomainException>(() => order.Capture(Now));
        Assert.That(ex!.Member, Is.EqualTo("payment_status"));
    }
}
