using Commerce.Domain.Catalog;
using Commerce.Domain.Orders;
using Commerce.UnitTests.Domain.Support;

namespace Commerce.UnitTests.Domain.Orders;

public class OrderTotalsTests
{
    [Test]
    public void Subtotal_is_the_sum_of_unit_price_times_quantity()
    {
        var order = TestOrders.NewOrder("EUR", "it");
        order.AddLineItem(TestOrders.Sku("A", 2500), 2);
        order.AddLineItem(TestOrders.Sku("B", 999), 3);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.SubtotalAmountCents, Is.EqualTo(5000 + 2997));
            Assert.That(order.SkusCount, Is.EqualTo(5));
        }
    }

    [Test]
    public void Shipping_costs_the_method_price_below_the_free_threshold()
    {
        var order = TestOrders.NewOrder("EUR", "it");
        order.AddLineItem(TestOrders.Sku(priceCents: 2500), 1);
        order.SetShippingMethod(TestOrders.Shipping(price: 700, freeOver: 5000));
        Assert.That(order.ShippingAmountCents, Is.EqualTo(700));
    }

    [Test]
    public void Shipping_is_free_when_the_subtotal_reaches_the_threshold()
    {
        var order = TestOrders.NewOrder("EUR", "it");
        order.AddLineItem(TestOrders.Sku(priceCents: 2500), 2);
        order.SetShippingMethod(TestOrders.Shipping(price: 700, freeOver: 5000));
        Assert.That(order.ShippingAmountCents, Is.Zero);
    }

    [Test]
    public void Shipping_is_free_when_no_item_needs_shipping()
    {
        var order = TestOrders.NewOrder("EUR", "it");
        order.AddLineItem(TestOrders.Sku(priceCents: 2500, doNotShip: true), 1);
        order.SetShippingMethod(TestOrders.Shipping(price: 700));
        Assert.That(order.ShippingAmountCents, Is.Zero);
    }

    [Test]
    public void Payment_method_fee_is_added_to_the_total()
    {
        var order = TestOrders.NewOrder("EUR", "it", taxIncluded: true);
        order.AddLineItem(TestOrders.Sku(priceCents: 10000), 1);
        var method = TestOrders.WireTransferMethod();
        method.PriceAmountCents = 150;
        order.SetPaymentMethod(method);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.PaymentMethodAmountCents, Is.EqualTo(150));
            Assert.That(order.TotalAmountCents, Is.EqualTo(10150));
        }
    }

    [Test]
    public void Included_tax_is_extracted_from_the_prices_and_not_added()
    {
        // €122,00 with 22 % included: tax = 12200 × 2200 / 12200 = 2200.
        var order = TestOrders.NewOrder("EUR", "it", taxIncluded: true);
        order.AddLineItem(TestOrders.Sku(priceCents: 12200, doNotShip: true), 1);
        order.SetBillingAddress(new Address(TestOrders.ItalianAddress));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.CountryCode, Is.EqualTo("IT"));
            Assert.That(order.TaxRateBasisPoints, Is.EqualTo(2200));
            Assert.That(order.TotalTaxAmountCents, Is.EqualTo(2200));
            Assert.That(order.TotalAmountCents, Is.EqualTo(12200));
            Assert.That(order.TotalAmountWithTaxesCents, Is.EqualTo(12200));
        }
    }

    [Test]
    public void Excluded_tax_is_computed_on_the_net_amount_and_added()
    {
        var order = TestOrders.NewOrder("EUR", "de", taxIncluded: false);
        order.AddLineItem(TestOrders.Sku(priceCents: 10000, doNotShip: true), 1);
        order.SetBillingAddress(new Address(TestOrders.ItalianAddress with { CountryCode = "DE", ZipCode = "10115" }));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.TotalTaxAmountCents, Is.EqualTo(1900));
            Assert.That(order.TotalAmountCents, Is.EqualTo(11900));
            Assert.That(order.TotalAmountWithTaxesCents, Is.EqualTo(11900));
        }
    }

    [Test]
    public void Shipping_and_payment_fee_are_taxed_too()
    {
        var method = TestOrders.WireTransferMethod();
        method.PriceAmountCents = 300;
        var totals = OrderTotals.Calculate(10000, true, TestOrders.Shipping(price: 700), method, 2200, taxIncluded: false);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(totals.TotalTaxAmountCents, Is.EqualTo(2420));
            Assert.That(totals.TotalAmountCents, Is.EqualTo(11000 + 2420));
        }
    }

    [Test]
    public void Tax_rounds_half_away_from_zero()
    {
        // 50 × 1900 / 10000 = 9.5 → 10 (banker's rounding would give 10 too; 150 → 28.5 → 29, banker's 28).
        var totals = OrderTotals.Calculate(150, false, null, null, 1900, taxIncluded: false);
        Assert.That(totals.TotalTaxAmountCents, Is.EqualTo(29));
    }

    [Test]
    public void Country_without_a_rate_pays_no_tax()
    {
        var order = TestOrders.NewOrder("USD", "en", taxIncluded: false);
        order.AddLineItem(TestOrders.Sku(priceCents: 10000, currency: "USD", doNotShip: true), 1);
        order.SetBillingAddress(new Address(TestOrders.ItalianAddress with { CountryCode = "US", ZipCode = "10001" }));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.TotalTaxAmountCents, Is.Zero);
            Assert.That(order.TotalAmountCents, Is.EqualTo(10000));
        }
    }

    [Test]
    public void Country_comes_from_the_shipping_address_before_the_billing_address()
    {
        var order = TestOrders.NewOrder("EUR", "it");
        order.SetBillingAddress(new Address(TestOrders.ItalianAddress));
        order.SetShippingAddress(new Address(TestOrders.ItalianAddress with { CountryCode = "DE" }));
        Assert.That(order.CountryCode, Is.EqualTo("DE"));
    }

    [Test]
    public void Refresh_reprices_lines_from_current_catalog_prices()
    {
        var sku = TestOrders.Sku(priceCents: 1000);
        var order = TestOrders.NewOrder("EUR", "it");
        order.AddLineItem(sku, 3);
        TestOrders.SetPrice(sku, "EUR", 1200);
        sku.Name = "Renamed";
        order.Refresh();
        var line = order.LineItems.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(line.UnitAmountCents, Is.EqualTo(1200));
            Assert.That(line.TotalAmountCents, Is.EqualTo(3600));
            Assert.That(line.Name, Is.EqualTo("Renamed"));
            Assert.That(order.SubtotalAmountCents, Is.EqualTo(3600));
        }
    }

    [Test]
    public void Zero_rate_table_entry_is_allowed_and_unknown_country_is_zero()
    {
        var table = new TaxRateTable(new Dictionary<string, int> { ["it"] = 2200 });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(table.RateFor("IT"), Is.EqualTo(2200));
            Assert.That(table.RateFor("FR"), Is.Zero);
            Assert.That(table.RateFor(null), Is.Zero);
        }
    }

    [Test]
    public void Shipping_method_price_for_is_used_for_the_shipping_amount()
    {
        var method = new ShippingMethod("Express", "EUR", 1500) { FreeOverAmountCents = 100000 };
        Assert.That(OrderTotals.Calculate(99999, true, method, null, 0, true).ShippingAmountCents, Is.EqualTo(1500));
    }
}
