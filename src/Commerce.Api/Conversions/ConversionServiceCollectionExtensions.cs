using Commerce.Domain.Conversions;

namespace Commerce.Api.Conversions;

internal static class ConversionServiceCollectionExtensions
{
    /// <summary>Recording orders placed elsewhere (Nosto's <c>placeOrder</c>) as ordinary orders.</summary>
    public static IServiceCollection AddConversions(this IServiceCollection services)
    {
        services.AddScoped<IConversionStore, EfConversionStore>();
        services.AddScoped<ConversionService>();
        return services;
    }
}
