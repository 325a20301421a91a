namespace Commerce.Api.GraphQL.Nosto;

internal static class NostoServiceCollectionExtensions
{
    /// <summary>Nosto's schema and what its fields call.</summary>
    public static IServiceCollection AddNostoGraphQL(this IServiceCollection services)
    {
        services.AddScoped<NostoOrders>();
        return services;
    }
}
