using Commerce.Api.Placement;
using Commerce.Domain.Payments;

namespace Commerce.Api.Gateways;

internal static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// The gateways by name: <c>test</c> always (its timeout token waits past <c>Payments:GatewayTimeoutSeconds</c>),
    /// <c>external</c> when <c>Payments:External:AuthorizeUrl</c> is set. Wire transfers use none.
    /// </summary>
    public static IServiceCollection AddPaymentGateways(this IServiceCollection services, PaymentOptions payments)
    {
        services.AddSingleton(sp => new TestPaymentGateway(sp.GetRequiredService<TimeProvider>(), payments.GatewayTimeout + TimeSpan.FromSeconds(1)));
        services.AddHttpClient<ExternalHttpGateway>(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<IPaymentGatewayResolver>(sp =>
        {
            var gateways = new Dictionary<string, IPaymentGateway> { [TestPaymentGateway.Name] = sp.GetRequiredService<TestPaymentGateway>() };
            if (payments.External.IsConfigured)
                gateways[ExternalHttpGateway.Name] = sp.GetRequiredService<ExternalHttpGateway>();
            return new PaymentGatewayResolver(gateways);
        });
        return services;
    }
}
