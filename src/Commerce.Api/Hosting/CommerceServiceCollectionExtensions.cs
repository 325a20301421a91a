using Commerce.Api.Customers;
using Commerce.Api.PaymentMethods;
using Commerce.Api.Persistence;
using Commerce.Api.Prices;
using Commerce.Api.ShippingMethods;
using Commerce.Api.Skus;
using Commerce.Api.StockItems;
using Commerce.Domain.Catalog;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using FluentValidation;

namespace Commerce.Api.Hosting;

/// <summary>Everything the service registers, in one place, so <c>Program.cs</c> stays short.</summary>
public static class CommerceServiceCollectionExtensions
{
    public static IServiceCollection AddCommerce(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddCommercePersistence(configuration, environment.ContentRootPath);
        // Validation messages name fields as the wire does: "pieces_per_pack", not "Pieces Per Pack".
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : Commerce.JsonApi.Resources.NamingPolicy.ToMemberName(member.Name);
        services.AddValidatorsFromAssemblyContaining<CommerceDbContext>(ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddSingleton<IExceptionErrorMapper, CommerceExceptionMapper>();
        services.AddScoped<DemoData>();

        services.AddJsonApi(graph =>
        {
            SkusResource.Define(graph);
            PricesResource.Define(graph);
            StockItemsResource.Define(graph);
            ShippingMethodsResource.Define(graph);
            PaymentMethodsResource.Define(graph);
            CustomersResource.Define(graph);
        });
        services.AddScoped<IResourceRepository<Sku>, SkuRepository>();
        services.AddScoped<IResourceRepository<Price>, PriceRepository>();
        services.AddScoped<IResourceRepository<StockItem>, StockItemRepository>();
        services.AddScoped<IResourceRepository<ShippingMethod>, ShippingMethodRepository>();
        services.AddScoped<IResourceRepository<PaymentMethod>, PaymentMethodRepository>();
        services.AddScoped<IResourceRepository<Customer>, CustomerRepository>();
        return services;
    }

    public static WebApplication UseCommerce(this WebApplication app)
    {
        app.UseJsonApi();
        app.MapJsonApi();
        return app;
    }
}
