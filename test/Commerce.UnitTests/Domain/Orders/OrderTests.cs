using Commerce.Domain.Catalog;
using Commerce.Domain.Common;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;
using Commerce.UnitTests.Domain.Support;

namespace Commerce.UnitTests.Domain.Orders;

public class OrderTests
{
    [Test]
    public void New_order_is_an_editable_unpaid_guest_draft_with_a_secret_token()
    {
        var order = TestOrders.NewOrder("eur", "IT", "a@example.com", "ref-1", new Dictionary<string, object?> { ["channel"] = "web" });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Draft));
            Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Unpaid));
            Assert.That(order.FulfillmentStatus, Is.EqualTo(FulfillmentStatus.Unfulfilled));
            Assert.That(order.CurrencyCode, Is.EqualTo("EUR"));
            Assert.That(order.LanguageCode, Is.EqualTo("it"));
            Assert.That(order.Guest, Is.True);
            Assert.That(order.Editable, Is.True);
            Assert.That(order.Placeable, Is.False);
            Assert.That(order.Number, Is.Null);
            Assert.That(order.Token, Has.Length.EqualTo(32));
            Assert.That(order.Reference, Is.EqualTo("ref-1"));
            Assert.That(order.Metadata["channel"], Is.EqualTo("web"));
        }
    }

    [Test]
    public void A_new_order_takes_currency_and_tax_included_from_its_market_s_price_list()
    {
        var market = new Market("US", new PriceList("US list", "usd", taxIncluded: false));

        var order = Order.Create(market, "en");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.CurrencyCode, Is.EqualTo("USD"));
            Assert.That(order.TaxIncluded, Is.False);
            Assert.That(order.MarketId, Is.EqualTo(market.Id));
            Assert.That(order.PriceListId, Is.EqualTo(market.PriceListId));
        }
    }

    [Test]
    public void A_disabled_market_takes_no_new_order()
    {
        var market = new Market("Closed", new PriceList("Closed list", "EUR")) { DisabledAt = TestOrders.Now };

        var ex = Assert.Throws<DomainException>(() => Order.Create(market, "en"));

        Assert.That((ex!.Member, ex.IsRelationship), Is.EqualTo(("market", true)));
    }

    [Test]
    public void A_line_item_takes_the_price_of_the_order_s_price_list_not_another_list_in_the_same_currency()
    {
        var sku = new Sku("TWO-LISTS", "Two lists");
        var retail = TestOrders.Market("EUR");
        var wholesale = new Market("Wholesale", new PriceList("Wholesale", "EUR"));
        sku.SetPrice(retail.PriceList!, 2000);
        sku.SetPrice(wholesale.PriceList!, 1500);

        var line = Order.Create(wholesale, "it").AddLineItem(sku, 1);

        Assert.That(line.UnitAmountCents, Is.EqualTo(1500));
    }

    [Test]
    public void A_sku_without_a_price_in_the_order_s_price_list_is_refused_at_sku_code()
    {
        var sku = new Sku("ONLY-RETAIL", "Only retail");
        sku.SetPrice(TestOrders.Market("EUR").PriceList!, 2000);
        var order = Order.Create(new Market("Wholesale", new PriceList("Wholesale", "EUR")), "it");

        var ex = Assert.Throws<DomainException>(() => order.AddLineItem(sku, 1));

        Assert.That(ex!.Member, Is.EqualTo("sku_code"));
    }

    [Test]
    public void Refuses_an_unknown_currency()
    {
        var ex = Assert.Throws<DomainException>(() => new PriceList("Unknown", "XXX"));
        Assert.That(ex!.Member, Is.EqualTo("currency_code"));
    }

    [Test]
    public void Refuses_a_malformed_customer_email()
    {
        var order = TestOrders.NewOrder("EUR", "it");
        var ex = Assert.Throws<DomainException>(() => order.SetCustomerEmail("not-an-email"));
        Assert.That(ex!.Member, Is.EqualTo("customer_email"));
    }

    [Test]
    public void Adding_the_first_item_makes_the_order_pending_and_removing_it_makes_it_draft_again()
    {
        var order = TestOrders.NewOrder("EUR", "it");
        var line = order.AddLineItem(TestOrders.Sku(), 1);
        Assert.That(order.Status, Is.EqualTo(OrderStatus.Pending));
        order.RemoveLineItem(line.Id);
        Assert.That(order.Status, Is.EqualTo(OrderStatus.Draft));
    }

    [Test]
    public void Line_item_takes_name_image_and_unit_price_from_the_sku()
    {
        var order = TestOrders.NewOrder("EUR", "it");
        var sku = TestOrders.Sku("MUG", 1299);
        TestOrders.SetPrice(sku, "USD", 1500);
        var line = order.AddLineItem(sku, 2);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(line.SkuCode, Is.EqualTo("MUG"));
            Assert.That(line.SkuId, Is.EqualTo(sku.Id));
            Assert.That(line.Name, Is.EqualTo("Sku MUG"));
            Assert.That(line.ImageUrl, Is.EqualTo("https://img.example/MUG"));
            Assert.That(line.UnitAmountCents, Is.EqualTo(1299));
            Assert.That(line.TotalAmountCents, Is.EqualTo(2598));
            Assert.That(line.OrderId, Is.EqualTo(order.Id));
        }
    }

    [Test]
    public void Refuses_a_sku_without_a_price_in_the_order_currency()
    {
        var order = TestOrders.NewOrder("GBP", "en");
        var ex = Assert.Throws<DomainException>(() => order.AddLineItem(TestOrders.Sku(currency: "EUR"), 1));
        Assert.That(ex!.Member, Is.EqualTo("sku_code"));
    }

    [Test]
    public void Update_quantity_adds_to_the_existing_line_of_the_same_sku()
    {
        var order = TestOrders.NewOrder("EUR", "it");
        var sku = TestOrders.Sku();
        order.AddLineItem(sku, 2);
        order.AddLineItem(sku, 3, updateQuantity: true);
        Assert.That(order.LineItems.Select(l => l.Quantity), Is.EqualTo(new[] { 5 }));
    }

    [Test]
    public void Without_update_quantity_the_same_sku_makes_a_second_line()
    {
        var order = TestOrders.NewOrder("EUR", "it");
        var sku = TestOrders.Sku();
        order.AddLineItem(sku, 2);
        order.AddLineItem(sku, 3);
        Assert.That(order.LineItems, Has.Count.EqualTo(2));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(10001)]
    public void Refuses_a_quantity_outside_1_to_10000(int quantity)
    {
        var order = TestOrders.NewOrder("EUR", "it");
        var ex = Assert.Throws<DomainException>(() => order.AddLineItem(TestOrders.Sku(), quantity));
        Assert.That(ex!.Member, Is.EqualTo("quantity"));
    }

    [Test]
    public void Refuses_update_quantity_beyond_10000()
    {
        var order = TestOrders.NewOrder("EUR", "it");
        var sku = TestOrders.Sku();
        order.AddLineItem(sku, 9000);
        var ex = Assert.Throws<DomainException>(() => order.AddLineItem(sku, 1001, updateQuantity: true));
        Assert.That(ex!.Member, Is.EqualTo("quantity"));
        Assert.That(order.LineItems.Single().Quantity, Is.EqualTo(9000));
    }

    [Test]
    public void Changing_quantity_recomputes_the_totals()
    {
        var order = TestOrders.NewOrder("EUR", "it");
        var line = order.AddLineItem(TestOrders.Sku(priceCents: 1000), 1);
        order.ChangeLineItemQuantity(line.Id, 4);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(line.TotalAmountCents, Is.EqualTo(4000));
            Assert.That(order.SubtotalAmountCents, Is.EqualTo(4000));
            Assert.That(order.SkusCount, Is.EqualTo(4));
        }
    }

    [Test]
    public void Billing_same_as_shipping_copies_the_address_as_a_new_one()
    {
        var order = TestOrders.NewOrder("EUR", "it");
        var shipping = new Address(TestOrders.ItalianAddress);
        order.SetShippingAddress(shipping);
        order.BillingAddressSameAsShipping();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.BillingAddress, Is.Not.SameAs(shipping));
            Assert.That(order.BillingAddressId, Is.Not.EqualTo(shipping.Id));
            Assert.That(order.BillingAddress!.ToDetails(), Is.EqualTo(shipping.ToDetails()));
        }
    }

    [Test]
    public void Shipping_same_as_billing_copies_the_address_as_a_new_one()
    {
        var order = TestOrders.NewOrder("EUR", "it");
        var billing = new Address(TestOrders.ItalianAddress);
        order.SetBillingAddress(billing);
        order.ShippingAddressSameAsBilling();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.ShippingAddressId, Is.Not.Null.And.Not.EqualTo(billing.Id));
            Assert.That(order.ShippingAddress!.City, Is.EqualTo("Milano"));
            Assert.That(order.CountryCode, Is.EqualTo("IT"));
        }
    }

    [Test]
    public void Same_as_shipping_without_a_shipping_address_points_at_it()
    {
        var order = TestOrders.NewOrder("EUR", "it");
        var ex = Assert.Throws<DomainException>(order.BillingAddressSameAsShipping);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Member, Is.EqualTo("shipping_address"));
            Assert.That(ex.IsRelationship, Is.True);
        }
    }

    [Test]
    public void Changing_the_payment_method_unlinks_a_source_of_another_type()
    {
        var order = TestOrders.NewOrder("EUR", "it");
        order.SetPaymentMethod(TestOrders.WireTransferMethod());
        order.SetPaymentSource(new WireTransfer());
        order.SetPaymentMethod(TestOrders.TestGatewayMethod());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.PaymentSource, Is.Null);
            Assert.That(order.PaymentSourceId, Is.Null);
        }
    }

    [Test]
    public void Payment_source_details_name_the_type_and_never_the_token()
    {
        var order = TestOrders.NewOrder("EUR", "it");
        order.SetPaymentMethod(TestOrders.TestGatewayMethod());
        order.SetPaymentSource(new ExternalPayment("tok_visa"));
        Assert.That(order.PaymentSourceDetails, Is.EqualTo(new Dictionary<string, string> { ["type"] = "external_payments" }));
    }

    [Test]
    public void Assigning_a_customer_with_a_password_makes_the_order_not_guest_and_takes_the_email()
    {
        var order = TestOrders.NewOrder("EUR", "it");
        var customer = new Commerce.Domain.Catalog.Customer("c@example.com");
        customer.SetPasswordHash("hash");
        var guestOrder = TestOrders.NewOrder("EUR", "it");
        guestOrder.AssignCustomer(new Commerce.Domain.Catalog.Customer("d@example.com"));
        order.AssignCustomer(customer);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(guestOrder.Guest, Is.True, "a customer without a password: still a guest order");
            Assert.That(order.Guest, Is.False);
            Assert.That(order.CustomerId, Is.EqualTo(customer.Id));
            Assert.That(order.CustomerEmail, Is.EqualTo("c@example.com"));
        }
    }

    [Test]
    public void A_complete_order_is_placeable()
    {
        var order = TestOrders.Placeable();
        Assert.That(order.Placeable, Is.True);
    }

    [Test]
    public void Metadata_may_change_after_placement_and_is_replaced_wholly()
    {
        var order = TestOrders.InStatus(OrderStatus.Placed);
        order.SetMetadata(new Dictionary<string, string> { ["a"] = "1" });
        order.SetMetadata(new Dictionary<string, string> { ["b"] = "2" });
        Assert.That(order.Metadata.Keys, Is.EquivalentTo(new[] { "b" }));
    }
}
