using Commerce.Domain.Common;
using Commerce.Domain.Orders;
using Commerce.UnitTests.Domain.Support;

namespace Commerce.UnitTests.Domain.Orders;

/// <summary>The order's storefront attributes and triggers (Order.Storefront.cs): links, expiry, archiving, _pending, _fulfill.</summary>
public sealed class OrderStorefrontTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_relative_or_non_http_link_is_refused_at_its_member()
    {
        var order = Order.Create(TestOrders.Market(), "en");

        var relative = Assert.Throws<DomainException>(() => order.SetReturnUrl("/thanks"))!;
        var script = Assert.Throws<DomainException>(() => order.SetCartUrl("javascript:alert(1)"))!;

        Assert.That(relative.Failures[0].Member, Is.EqualTo("return_url"));
        Assert.That(script.Failures[0].Member, Is.EqualTo("cart_url"));
        Assert.That(order.ReturnUrl, Is.Null);
    }

    [Test]
    public void An_expiry_must_lie_ahead_and_an_expired_editable_order_refuses_placement()
    {
        var order = Order.Create(TestOrders.Market(), "en");

        Assert.Throws<DomainException>(() => order.SetExpiresAt(Now, Now));
        order.SetExpiresAt(Now.AddMinutes(10), Now);

        Assert.DoesNotThrow(() => order.EnsureNotExpired(Now.AddMinutes(9)));
        var expired = Assert.Throws<DomainException>(() => order.EnsureNotExpired(Now.AddMinutes(10)))!;
        Assert.That(expired.Failures[0].Member, Is.EqualTo("expires_at"));
    }

    [Test]
    public void Pending_keeps_an_order_without_line_items_pending_through_recalculation()
    {
        var order = Order.Create(TestOrders.Market(), "en");
        Assert.That(order.Status, Is.EqualTo(OrderStatus.Draft));

        order.MarkPending();
        order.Recalculate();

        Assert.That(order.Status, Is.EqualTo(OrderStatus.Pending));
    }

    [Test]
    public void Archiving_twice_keeps_the_first_time_and_unarchiving_clears_it()
    {
        var order = Order.Create(TestOrders.Market(), "en");

        order.Archive(Now);
        order.Archive(Now.AddHours(1));
        var archivedAt = order.ArchivedAt;
        order.Unarchive();

        Assert.That(archivedAt, Is.EqualTo(Now));
        Assert.That(order.ArchivedAt, Is.Null);
    }

    [Test]
    public void Fulfill_is_refused_before_approval()
    {
        var order = Order.Create(TestOrders.Market(), "en");

        var refused = Assert.Throws<DomainException>(order.Fulfill)!;

        Assert.That(refused.Failures[0].Member, Is.EqualTo("status"));
        Assert.That(order.FulfillmentStatus, Is.EqualTo(FulfillmentStatus.Unfulfilled));
    }

    [Test]
    public void Metadata_keeps_nested_values_and_refuses_a_long_string_value()
    {
        var order = Order.Create(TestOrders.Market(), "en");
        var nested = System.Text.Json.JsonDocument.Parse("""{"a":{"b":[1,2]}}""").RootElement.GetProperty("a").Clone();

        order.SetMetadata(new Dictionary<string, object?> { ["utm"] = nested, ["n"] = 3 });
        var tooLong = Assert.Throws<DomainException>(() => order.SetMetadata(new Dictionary<string, object?> { ["k"] = new string('x', 501) }))!;

        Assert.That(System.Text.Json.JsonSerializer.Serialize(order.Metadata), Is.EqualTo("""{"utm":{"b":[1,2]},"n":3}"""));
        Assert.That(tooLong.Failures[0].Member, Is.EqualTo("metadata"));
    }
}
