using Commerce.Api.Gateways;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;

namespace Commerce.UnitTests.Domain.Support;

/// <summary>
/// A fake clock, the in-memory store and the test gateway behind the payment services, fresh for every test, and a way
/// to get a placed order.
/// </summary>
public abstract class PaymentsFixture
{
    protected FakeTimeProvider Clock { get; private set; } = null!;
    protected InMemoryPlacementStore Store { get; private set; } = null!;
    protected TestPaymentGateway Gateway { get; private set; } = null!;
    protected PaymentGatewayResolver Resolver { get; private set; } = null!;

    [SetUp]
    public void SetUpPayments()
    {
        Clock = new FakeTimeProvider();
        Store = new InMemoryPlacementStore();
        Gateway = new TestPaymentGateway(TimeProvider.System, TimeSpan.FromMilliseconds(30));
        Resolver = new PaymentGatewayResolver(new Dictionary<string, IPaymentGateway> { [TestPaymentGateway.Name] = Gateway });
    }

    protected OrderPaymentService Payments => new(Store, Resolver, Clock);

    /// <summary>Placement over the store and the test gateway, or over <paramref name="gateway"/> registered under its name.</summary>
    protected PlacementService NewPlacementService(IPaymentGateway? gateway = null, TimeSpan? gatewayTimeout = null) =>
        new(Store, gateway is null ? Resolver : new PaymentGatewayResolver(new Dictionary<string, IPaymentGateway> { [TestPaymentGateway.Name] = gateway }),
            Clock, gatewayTimeout);

    /// <summary>The order, stored as loaded (version 0).</summary>
    protected Order Registered(Order order)
    {
        Store.Register(order);
        return order;
    }

    protected async Task<Order> PlacedOrder(string? token = "tok_visa")
    {
        var order = Registered(TestOrders.Placeable(token: token));
        await new PlacementService(Store, Resolver, Clock).PlaceAsync(order, Store.VersionOf(order.Id));
        return order;
    }
}
