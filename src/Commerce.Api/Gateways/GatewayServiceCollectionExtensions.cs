using Commerce.Api.Placement;
using Commerce.Api.Telemetry;
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
            var metrics = sp.GetRequiredService<CommerceMetrics>();
            var gateways = new Dictionary<string, IPaymentGateway>
            {
                [TestPaymentGateway.Name] = new MeteredPaymentGateway(TestPaymentGateway.Name, sp.GetRequiredService<TestPaymentGateway>(), metrics),
            };
            if (payments.External.IsConfigured)
                gateways[ExternalHttpGateway.Name] = new MeteredPaymentGateway(ExternalHttpGateway.Name, sp.GetRequiredService<ExternalHttpGateway>(), metrics);
            return new PaymentGatewayResolver(gateways);
        });
        return services;
    }
}
