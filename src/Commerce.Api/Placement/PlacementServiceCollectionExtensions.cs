using Commerce.Api.Payments;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;

namespace Commerce.Api.Placement;

internal static class PlacementServiceCollectionExtensions
{
    /// <summary>
    /// Placement and payment settlement, per scope (a request, or one order of a reconciler pass): each service over its
    /// store on the scope's <see cref="Persistence.CommerceDbContext"/>, the gateways and the clock.
    /// </summary>
    public static IServiceCollection AddPlacement(this IServiceCollection services)
    {
        services.AddScoped<PlacementParticipants>();
        services.AddSingleton<Outbox.IEventHandler, GiveBackPlacementHolds>();
        services.AddScoped<EfPlacementStore>();
        services.AddScoped<IPlacementStore>(sp => sp.GetRequiredService<EfPlacementStore>());
        services.AddScoped<EfOrderPaymentStore>();
        services.AddScoped<IOrderPaymentStore>(sp => sp.GetRequiredService<EfOrderPaymentStore>());
        services.AddScoped(sp => new PlacementService(
            sp.GetRequiredService<IPlacementStore>(),
            sp.GetRequiredService<IPaymentGatewayResolver>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<PaymentOptions>().GatewayTimeout));
        services.AddScoped<OrderPaymentService>();
        return services;
    }
}
