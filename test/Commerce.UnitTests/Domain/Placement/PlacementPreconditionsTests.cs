using Commerce.Domain.Catalog;
using Commerce.Domain.Common;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;
using Commerce.UnitTests.Domain.Support;

namespace Commerce.UnitTests.Domain.Placement;

public class PlacementPreconditionsTests
{
    private static IReadOnlyList<DomainFailure> Check(Order order, PlacementContext? context = null) =>
        PlacementPreconditions.Check(order, context ?? TestOrders.PlentyOfStock(order));

    // The members of the order a failure may point at: (name, is a relationship).
    private static readonly (string?, bool) Status = ("status", false);
    private static readonly (string?, bool) CustomerEmail = ("customer_email", false);
    private static readonly (string?, bool) LineItems = ("line_items", true);
    private static readonly (string?, bool) BillingAddress = ("billing_address", true);
    private static readonly (string?, bool) ShippingAddress = ("shipping_address", true);
    private static readonly (string?, bool) ShippingMethod = ("shipping_method", true);
    private static readonly (string?, bool) PaymentMethod = ("payment_method", true);
    private static readonly (string?, bool) PaymentSource = ("payment_source", true);

    private static (string?, bool) At(DomainFailure failure) => (failure.Member, failure.IsRelationship);

    private static void AssertOnlyFailure(Order order, (string?, bool) member, PlacementContext? context = null)
    {
        var failures = Check(order, context);
        Assert.That(failures.Select(At), Is.EqualTo(new[] { member }), string.Join(" | ", failures.Select(f => f.Detail)));
    }

    [Test]
    public void A_complete_order_in_stock_has_no_failures() =>
        Assert.That(Check(TestOrders.Placeable()), Is.Empty);

    [Test]
    public void An_order_already_placed_fails_on_status() =>
        AssertOnlyFailure(TestOrders.InStatus(OrderStatus.Placed), Status);

    [Test]
    public void An_order_without_line_items_fails_on_line_items()
    {
        var order = TestOrders.Placeable();
        order.RemoveLineItem(order.LineItems.Single().Id);
        AssertOnlyFailure(order, LineItems);
    }

    [Test]
    public void An_order_without_customer_email_fails_on_customer_email()
    {
        var order = TestOrders.Placeable();
        order.SetCustomerEmail(null);
        AssertOnlyFailure(order, CustomerEmail);
    }

    [Test]
    public void An_order_with_a_malformed_customer_email_fails_on_customer_email()
    {
        var order = TestOrders.Placeable();
        order.SetCustomerEmail(null);
        order.AssignCustomer(new Customer("broken-email"));
        AssertOnlyFailure(order, CustomerEmail);
    }

    [Test]
    public void An_order_without_billing_address_fails_on_billing_address()
    {
        var order = TestOrders.Placeable();
        order.SetBillingAddress(null);
        AssertOnlyFailure(order, BillingAddress);
    }

    [Test]
    public void An_invalid_billing_address_fails_on_billing_address()
    {
        var order = TestOrders.Placeable();
        order.SetBillingAddress(new Address(TestOrders.ItalianAddress with { Phone = null }));
        AssertOnlyFailure(order, BillingAddress);
    }

    [Test]
    public void An_order_to_ship_without_shipping_address_fails_on_shipping_address()
    {
        var order = TestOrders.Placeable();
        order.SetShippingAddress(null);
        AssertOnlyFailure(order, ShippingAddress);
    }

    [Test]
    public void An_order_with_nothing_to_ship_needs_neither_shipping_address_nor_method()
    {
        var order = TestOrders.Placeable(TestOrders.Sku(doNotShip: true));
        order.SetShippingAddress(null);
        order.SetShippingMethod(null);
        Assert.That(Check(order), Is.Empty);
    }

    [Test]
    public void An_order_to_ship_without_shipping_method_fails_on_shipping_method()
    {
        var order = TestOrders.Placeable();
        order.SetShippingMethod(null);
        AssertOnlyFailure(order, ShippingMethod);
    }

    [Test]
    public void A_shipping_method_that_does_not_serve_the_country_fails_on_shipping_method()
    {
        var order = TestOrders.Placeable();
        var method = TestOrders.Shipping();
        method.CountryCodes = ["DE", "FR"];
        order.SetShippingMethod(method);
        AssertOnlyFailure(order, ShippingMethod);
    }

    [Test]
    public void A_disabled_shipping_method_fails_on_shipping_method()
    {
        var order = TestOrders.Placeable();
        var method = TestOrders.Shipping();
        method.DisabledAt = TestOrders.Now;
        order.SetShippingMethod(method);
        AssertOnlyFailure(order, ShippingMethod);
    }

    [Test]
    public void A_shipping_method_of_another_market_fails_on_shipping_method()
    {
        var order = TestOrders.Placeable();
        var method = TestOrders.Shipping();
        method.RestrictToMarket(new Market("Elsewhere", new PriceList("Elsewhere", "EUR")));
        order.SetShippingMethod(method);
        AssertOnlyFailure(order, ShippingMethod);
    }

    [Test]
    public void A_method_restricted_to_the_order_s_own_market_is_no_failure()
    {
        var order = TestOrders.Placeable();
        order.ShippingMethod!.RestrictToMarket(order.Market);
        order.PaymentMethod!.RestrictToMarket(order.Market);
        Assert.That(Check(order, TestOrders.PlentyOfStock(order)), Is.Empty);
    }

    [Test]
    public void A_payment_method_of_another_market_fails_on_payment_method()
    {
        var order = TestOrders.Placeable();
        order.PaymentMethod!.RestrictToMarket(new Market("Elsewhere", new PriceList("Elsewhere", "EUR")));
        AssertOnlyFailure(order, PaymentMethod);
    }

    [Test]
    public void An_order_without_payment_method_fails_on_payment_method()
    {
        var order = TestOrders.Placeable();
        order.SetPaymentMethod(null);
        AssertOnlyFailure(order, PaymentMethod);
    }

    [Test]
    public void A_disabled_payment_method_fails_on_payment_method()
    {
        var order = TestOrders.Placeable();
        order.PaymentMethod!.DisabledAt = TestOrders.Now;
        AssertOnlyFailure(order, PaymentMethod);
    }

    [Test]
    public void A_payment_method_in_another_currency_fails_on_payment_method()
    {
        var order = TestOrders.Placeable();
        order.SetPaymentMethod(TestOrders.WireTransferMethod("USD"));
        AssertOnlyFailure(order, PaymentMethod);
    }

    [Test]
    public void An_order_without_payment_source_fails_on_payment_source()
    {
        var order = TestOrders.Placeable();
        order.SetPaymentSource(null);
        AssertOnlyFailure(order, PaymentSource);
    }

    [Test]
    public void A_payment_source_of_another_type_fails_on_payment_source()
    {
        var order = TestOrders.Placeable();
        order.SetPaymentSource(new ExternalPayment("tok_visa"));
        AssertOnlyFailure(order, PaymentSource);
    }

    [Test]
    public void An_item_out_of_stock_fails_with_out_of_stock_naming_sku_and_available()
    {
        var order = TestOrders.Placeable(TestOrders.Sku("MUG"));
        var context = new PlacementContext(new Dictionary<string, int> { [order.LineItems.Single().SkuId!] = 1 });
        var failure = Check(order, context).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure.Code, Is.EqualTo("OUT_OF_STOCK"));
            Assert.That(At(failure), Is.EqualTo(LineItems));
            Assert.That(failure.Meta!["sku_code"], Is.EqualTo("MUG"));
            Assert.That(failure.Meta["available"], Is.EqualTo(1));
        }
    }

    [Test]
    public void Quantities_of_the_same_sku_on_several_lines_are_summed_for_stock()
    {
        var sku = TestOrders.Sku("MUG");
        var order = TestOrders.Placeable(sku);
        order.AddLineItem(sku, 2);
        var context = new PlacementContext(new Dictionary<string, int> { [sku.Id] = 3 });
        Assert.That(Check(order, context).Select(f => f.Code), Is.EqualTo(new[] { "OUT_OF_STOCK" }));
    }

    [Test]
    public void A_sku_missing_from_the_stock_counts_as_none_available()
    {
        var order = TestOrders.Placeable();
        var failure = Check(order, new PlacementContext(new Dictionary<string, int>())).Single();
        Assert.That(failure.Meta!["available"], Is.EqualTo(0));
    }

    [Test]
    public void A_sku_whose_stock_is_not_tracked_is_never_short_and_takes_no_units()
    {
        var sku = TestOrders.Sku();
        sku.DoNotTrack = true;
        var order = TestOrders.Placeable(sku);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Check(order, new PlacementContext(new Dictionary<string, int>())), Is.Empty);
            Assert.That(Stock.UnitsOf(order), Is.Empty);
        }
    }

    [Test]
    public void Every_failure_of_an_incomplete_order_is_listed_at_once()
    {
        var order = TestOrders.NewOrder("EUR", "it");
        order.AddLineItem(TestOrders.Sku(), 2);
        order.SetPaymentMethod(TestOrders.TestGatewayMethod("USD"));
        var failures = Check(order, new PlacementContext(new Dictionary<string, int>()));
        Assert.That(failures.Select(At), Is.EquivalentTo(new[]
        {
            CustomerEmail,
            BillingAddress,
            ShippingAddress,
            ShippingMethod,
            PaymentMethod,
            PaymentSource,
            LineItems,
        }));
        Assert.That(failures.Single(f => At(f) == LineItems).Code, Is.EqualTo("OUT_OF_STOCK"));
    }

    [Test]
    public void Every_failure_of_an_empty_draft_is_listed_at_once()
    {
        var failures = Check(TestOrders.NewOrder("EUR", "it"), PlacementContext.WithoutStock);
        Assert.That(failures.Select(At), Is.EquivalentTo(new[]
        {
            LineItems,
            CustomerEmail,
            BillingAddress,
            PaymentMethod,
            PaymentSource,
        }));
    }
}
