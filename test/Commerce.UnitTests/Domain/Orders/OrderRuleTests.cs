using Commerce.Domain.Common;
using Commerce.Domain.Orders;
using Commerce.UnitTests.Domain.Support;

namespace Commerce.UnitTests.Domain.Orders;

/// <summary>
/// The order's rules the handlers ask before a change: who may change it now, whether it may be deleted, and whether a
/// part it uses (an address, its payment source) may still change.
/// </summary>
public class OrderRuleTests
{
    private static readonly string[] Editable = [OrderStatus.Draft, OrderStatus.Pending];
    private static readonly string[] PastEditing = [OrderStatus.Placed, OrderStatus.Approved, OrderStatus.Cancelled];

    [TestCaseSource(nameof(Editable))]
    public void An_order_being_built_may_be_changed_by_a_sales_channel(string status) =>
        Assert.DoesNotThrow(() => TestOrders.InStatus(status).EnsureChangeableBy(OrderChanger.SalesChannel));

    [Test]
    public void An_order_being_placed_refuses_changes_from_a_sales_channel_with_a_conflict_at_the_status()
    {
        var ex = Assert.Throws<DomainException>(() => TestOrders.InStatus(OrderStatus.Placing).EnsureChangeableBy(OrderChanger.SalesChannel));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Code, Is.EqualTo(FailureCodes.Conflict));
            Assert.That(ex.Member, Is.EqualTo("status"));
            Assert.That(ex.IsRelationship, Is.False);
            Assert.That(ex.Message, Does.Contain("being placed"));
        }
    }

    [TestCaseSource(nameof(PastEditing))]
    public void Placed_order_refuses_changes_from_a_sales_channel(string status)
    {
        var ex = Assert.Throws<DomainException>(() => TestOrders.InStatus(status).EnsureChangeableBy(OrderChanger.SalesChannel));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Code, Is.EqualTo(FailureCodes.ValidationError));
            Assert.That(ex.Member, Is.EqualTo("status"));
            Assert.That(ex.Message, Is.EqualTo($"The order is {status}: only an integration may change it now."));
        }
    }

    [TestCaseSource(typeof(OrderStatus), nameof(OrderStatus.All))]
    public void An_integration_may_ask_for_a_change_in_any_status(string status) =>
        Assert.DoesNotThrow(() => TestOrders.InStatus(status).EnsureChangeableBy(OrderChanger.Integration));

    [TestCaseSource(nameof(Editable))]
    public void An_order_being_built_that_never_asked_the_gateway_may_be_deleted(string status) =>
        Assert.DoesNotThrow(() => TestOrders.InStatus(status).EnsureDeletable(hasPaymentTransactions: false));

    [TestCase(OrderStatus.Placing)]
    [TestCase(OrderStatus.Placed)]
    [TestCase(OrderStatus.Approved)]
    [TestCase(OrderStatus.Cancelled)]
    public void An_order_past_draft_and_pending_may_not_be_deleted(string status)
    {
        var ex = Assert.Throws<DomainException>(() => TestOrders.InStatus(status).EnsureDeletable(hasPaymentTransactions: false));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Code, Is.EqualTo(FailureCodes.ValidationError));
            Assert.That(ex.Member, Is.EqualTo("status"));
            Assert.That(ex.IsRelationship, Is.False);
        }
    }

    [Test]
    public void A_pending_order_that_asked_the_gateway_is_kept_as_the_record_of_it()
    {
        var ex = Assert.Throws<DomainException>(() => TestOrders.InStatus(OrderStatus.Pending).EnsureDeletable(hasPaymentTransactions: true));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Code, Is.EqualTo(FailureCodes.ValidationError));
            Assert.That(ex.Member, Is.EqualTo("authorizations"));
            Assert.That(ex.IsRelationship, Is.True);
            Assert.That(ex.Message, Does.Contain("authorization"));
        }
    }

    [Test]
    public void The_parts_of_an_order_being_built_may_change(
        [ValueSource(nameof(Editable))] string status, [Values] OrderPart part) =>
        Assert.DoesNotThrow(() => TestOrders.InStatus(status).EnsurePartChangeable(part));

    [TestCase(OrderStatus.Placing, OrderPart.Address, "address")]
    [TestCase(OrderStatus.Placed, OrderPart.Address, "address")]
    [TestCase(OrderStatus.Cancelled, OrderPart.Address, "address")]
    [TestCase(OrderStatus.Placing, OrderPart.PaymentSource, "payment source")]
    [TestCase(OrderStatus.Approved, OrderPart.PaymentSource, "payment source")]
    public void A_part_used_by_an_order_past_editing_is_frozen_for_everyone(string status, OrderPart part, string named)
    {
        var ex = Assert.Throws<DomainException>(() => TestOrders.InStatus(status).EnsurePartChangeable(part));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Code, Is.EqualTo(FailureCodes.ValidationError));
            Assert.That(ex.Member, Is.Null, "the part as a whole is at fault");
            Assert.That(ex.Message, Is.EqualTo($"This {named} belongs to an order that is no longer editable."));
        }
    }
}
