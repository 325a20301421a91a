using Commerce.Domain.Common;
using Commerce.Domain.Conversions;
using Commerce.Domain.Orders;
using Commerce.UnitTests.Domain.Support;

namespace Commerce.UnitTests.Domain.Conversions;

public class ConversionServiceTests
{
    [TestCase(22.43, "EUR", 2243)]
    [TestCase(1200, "JPY", 1200)]
    [TestCase(1.2345, "KWD", 1235)]
    [TestCase(0.005, "EUR", 1)]
    [TestCase(0, "USD", 0)]
    public void Unit_prices_become_minor_units_of_their_currency(double price, string currency, long cents) =>
        Assert.That(ConversionService.ToMinorUnits((decimal)price, currency), Is.EqualTo(cents));

    [Test]
    public void A_negative_price_is_refused() =>
        Assert.Throws<DomainException>(() => ConversionService.ToMinorUnits(-1m, "EUR"));

    [TestCase("paid", PaymentStatus.Paid, false)]
    [TestCase("PAID", PaymentStatus.Paid, false)]
    [TestCase("pending", PaymentStatus.Unpaid, false)]
    [TestCase("cancelled", PaymentStatus.Voided, true)]
    [TestCase("canceled", PaymentStatus.Voided, true)]
    [TestCase("refunded", PaymentStatus.Refunded, true)]
    [TestCase("a status of the shop's own", PaymentStatus.Unpaid, false)]
    [TestCase(null, PaymentStatus.Unpaid, false)]
    public void Order_statuses_map_to_ours(string? status, string paymentStatus, bool cancelled) =>
        Assert.That(ConversionService.MapStatus(status), Is.EqualTo((paymentStatus, cancelled)));

    [Test]
    public void A_recorded_order_is_placed_with_its_items_at_the_price_sold_and_never_settled_here()
    {
        var order = Order.CreateRecorded(TestOrders.Market(), "25435");
        var sku = TestOrders.Sku("SHOE", priceCents: 9999);

        order.Record(new RecordedSale([new RecordedLine(sku, 2243, 2)], "shopper@example.com", null, PaymentStatus.Paid, false,
            new Dictionary<string, string> { ["nosto_ref"] = "0010" }, []), 12, TestOrders.Now);

        Assert.That((order.Status, order.PaymentStatus, order.Number, order.Reference), Is.EqualTo((OrderStatus.Placed, PaymentStatus.Paid, 12L, "25435")));
        Assert.That((order.SubtotalAmountCents, order.TotalAmountCents), Is.EqualTo((4486L, 4486L)));
        Assert.That(order.Metadata["nosto_ref"], Is.EqualTo("0010"));
        Assert.Throws<DomainException>(() => order.EnsureCanRefund());
        Assert.Throws<DomainException>(() => order.EnsureCanCancel());
    }

    [Test]
    public void Recording_again_replaces_the_items_keeps_the_number_and_can_cancel()
    {
        var order = Order.CreateRecorded(TestOrders.Market(), "1");
        var (a, b) = (TestOrders.Sku("A"), TestOrders.Sku("B"));
        order.Record(new RecordedSale([new RecordedLine(a, 100, 1)], null, null, PaymentStatus.Paid, false, new Dictionary<string, string>(), []), 5, TestOrders.Now);

        order.Record(new RecordedSale([new RecordedLine(b, 300, 1)], null, null, PaymentStatus.Voided, true, new Dictionary<string, string>(), []), 6, TestOrders.Now);

        Assert.That(order.LineItems.Select(l => l.SkuCode), Is.EqualTo(new[] { "B" }));
        Assert.That((order.Number, order.Status, order.TotalAmountCents), Is.EqualTo((5L, OrderStatus.Cancelled, 300L)));
    }

    [Test]
    public void An_order_built_here_cannot_be_recorded() =>
        Assert.Throws<DomainException>(() => Order.Create(TestOrders.Market(), "en").Record(
            new RecordedSale([new RecordedLine(TestOrders.Sku(), 1, 1)], null, null, PaymentStatus.Paid, false, new Dictionary<string, string>(), []), 1, TestOrders.Now));
}
