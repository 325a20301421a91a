using Commerce.Api.Gateways;
using Commerce.Domain.Catalog;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;

namespace Commerce.UnitTests.Domain.Support;

/// <summary>Builds catalog objects and orders for tests.</summary>
public static class TestOrders
{
    public static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<(string, bool), Market> Markets = [];

    /// <summary>The test market of a currency (one whose list includes tax, one whose list excludes it), made once.</summary>
    public static Market Market(string currency = "EUR", bool taxIncluded = true)
    {
        lock (Markets)
        {
            var key = (currency.ToUpperInvariant(), taxIncluded);
            if (!Markets.TryGetValue(key, out var market))
            {
                market = new Market($"{key.Item1} market", new PriceList($"{key.Item1} list", currency, taxIncluded));
                Markets[key] = market;
            }
            return market;
        }
    }

    /// <summary>A new draft order in the test market of <paramref name="currency"/>.</summary>
    public static Order NewOrder(string currency, string language, string? email = null, string? reference = null,
        IReadOnlyDictionary<string, object?>? metadata = null, bool taxIncluded = true) =>
        Order.Create(Market(currency, taxIncluded), language, email, reference, metadata);

    /// <summary>A SKU priced at <paramref name="priceCents"/> in both test markets of <paramref name="currency"/>.</summary>
    public static Sku Sku(string code = "TSHIRT-M", long priceCents = 2500, string currency = "EUR", bool doNotShip = false)
    {
        var sku = new Sku(code, "Sku " + code) { ImageUrl = "https://img.example/" + code, DoNotShip = doNotShip };
        SetPrice(sku, currency, priceCents);
        return sku;
    }

    /// <summary>Sets the SKU's price in both test markets of <paramref name="currency"/>.</summary>
    public static void SetPrice(Sku sku, string currency, long priceCents)
    {
        sku.SetPrice(Market(currency, true).PriceList!, priceCents);
        sku.SetPrice(Market(currency, false).PriceList!, priceCents);
    }

    public static AddressDetails ItalianAddress => new()
    {
        FirstName = "Mario",
        LastName = "Rossi",
        Line1 = "Via Roma 1",
        City = "Milano",
        ZipCode = "20100",
        StateCode = "MI",
        CountryCode = "IT",
        Phone = "+39 02 1234567",
    };

    public static ShippingMethod Shipping(string currency = "EUR", long price = 700, long? freeOver = null) =>
        new("Standard", currency, price) { FreeOverAmountCents = freeOver };

    public static PaymentMethod WireTransferMethod(string currency = "EUR") =>
        new("Wire transfer", PaymentSourceTypes.WireTransfers, currency, null);

    public static PaymentMethod TestGatewayMethod(string currency = "EUR") =>
        new("Card (test)", PaymentSourceTypes.ExternalPayments, currency, TestPaymentGateway.Name);

    /// <summary>A pending EUR/it order for IT with one line (2 × €25), addresses, shipping, wire transfer.</summary>
    public static Order Placeable(Sku? sku = null, string? token = null, bool taxIncluded = true)
    {
        var order = NewOrder("EUR", "it", "mario@example.com", taxIncluded: taxIncluded);
        order.AddLineItem(sku ?? Sku(), 2);
        order.SetBillingAddress(new Address(ItalianAddress));
        order.SetShippingAddress(new Address(ItalianAddress));
        order.SetShippingMethod(Shipping());
        if (token is null)
        {
            order.SetPaymentMethod(WireTransferMethod());
            order.SetPaymentSource(new WireTransfer());
        }
        else
        {
            order.SetPaymentMethod(TestGatewayMethod());
            order.SetPaymentSource(new ExternalPayment(token));
        }

        return order;
    }

    /// <summary>Stock context with plenty of every SKU of the order.</summary>
    public static PlacementContext PlentyOfStock(Order order) =>
        new(order.LineItems.Where(l => l.IsSku).Select(l => l.SkuId!).Distinct().ToDictionary(id => id, _ => 1000));

    /// <summary>An order driven into <paramref name="status"/> (payment authorized for placed/approved; paid when <paramref name="paid"/>).</summary>
    public static Order InStatus(string status, bool paid = false)
    {
        var order = status == OrderStatus.Draft ? NewOrder("EUR", "it", "mario@example.com") : Placeable();
        if (status is OrderStatus.Draft or OrderStatus.Pending)
            return order;
        order.BeginPlacing();
        if (status == OrderStatus.Placing)
            return order;
        order.CompletePlacement(1, Now);
        if (paid)
            order.Capture(Now);
        if (status == OrderStatus.Approved)
            order.Approve(Now);
        if (status == OrderStatus.Cancelled)
            order.Cancel(Now);
        return order;
    }
}
