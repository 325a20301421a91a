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

    protected async Task<Order> PlacedOrder(string? token = "tok_visa")
    {
        var order = TestOrders.Placeable(token: token);
        Store.Register(order);
        await new PlacementService(Store, Resolver, Clock).PlaceAsync(order, Store.VersionOf(order.Id));
        return order;
    }
}
