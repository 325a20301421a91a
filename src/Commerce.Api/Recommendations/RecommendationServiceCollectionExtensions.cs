using Commerce.Api.Outbox;
using Commerce.Domain.Recommendations;

namespace Commerce.Api.Recommendations;

internal static class RecommendationServiceCollectionExtensions
{
    /// <summary>The order-page recommender and the outbox handler that keeps its counts.</summary>
    public static IServiceCollection AddRecommendations(this IServiceCollection services)
    {
        services.AddScoped<IRecommendationStore, EfRecommendationStore>();
        services.AddScoped<Recommender>();
        services.AddSingleton<IEventHandler, CountPurchases>();
        return services;
    }
}
