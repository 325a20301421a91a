using Commerce.Api.Authentication;
using Commerce.Api.Checkout;
using Commerce.Api.Conversions;
using Commerce.Api.Gateways;
using Commerce.Api.GraphQL;
using Commerce.Api.GraphQL.Magento;
using Commerce.Api.GraphQL.Nosto;
using Commerce.Api.Outbox;
using Commerce.Api.Persistence;
using Commerce.Api.Placement;
using Commerce.Api.Recommendations;
using Commerce.Api.Resources.Addresses;
using Commerce.Api.Resources.Customers;
using Commerce.Api.Resources.Events;
using Commerce.Api.Resources.LineItems;
using Commerce.Api.Resources.Orders;
using Commerce.Api.Resources.Organization;
using Commerce.Api.Resources.PaymentMethods;
using Commerce.Api.Resources.PaymentSources;
using Commerce.Api.Resources.Prices;
using Commerce.Api.Resources.PriceLists;
using Commerce.Api.Resources.Markets;
using Commerce.Api.Resources.Shipments;
using Commerce.Api.Resources.ShippingMethods;
using Commerce.Api.Resources.Skus;
using Commerce.Api.Resources.StockItems;
using Commerce.Api.Resources.Transactions;
using Commerce.Api.Resources.Webhooks;
using Commerce.Api.Telemetry;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using FluentValidation;

namespace Commerce.Api.Hosting;

/// <summary>Everything the service registers, in one place, so <c>Program.cs</c> stays short.</summary>
public static class CommerceServiceCollectionExtensions
{
    /// <param name="settings">The configuration, bound and checked once (<see cref="CommerceSettings.Read"/>).</param>
    public static IServiceCollection AddCommerce(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, CommerceSettings settings)
    {
        services.AddSingleton(TimeProvider.System);
        settings.Register(services);
        services.AddCommerceTelemetry(configuration, settings.Telemetry);
        services.AddCommerceHealth();
        services.AddCommerceAuthentication(configuration, environment, settings.Auth);
        services.AddAbuseProtection(settings.Limits);
        services.AddCommercePersistence(configuration, environment.ContentRootPath, settings.Database);
        // Validation messages name fields as the wire does: "pieces_per_pack", not "Pieces Per Pack".
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : Commerce.JsonApi.Resources.NamingPolicy.ToMemberName(member.Name);
        services.AddValidatorsFromAssemblyContaining<CommerceDbContext>(ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddSingleton<IExceptionErrorMapper, CommerceExceptionMapper>();
        services.AddScoped<DemoData>();
        services.AddScoped<Commerce.Api.Markets.MarketResolver>();
        services.AddCommerceOpenApi();
        services.AddSingleton(sp => new Organization(settings.Organization, configuration));
        services.AddSingleton(sp =>
        {
            var organization = sp.GetRequiredService<Organization>();
            return new TokenOrganization(organization.Id, organization.Slug);
        });

        var payments = settings.Payments;
        var checkout = settings.Checkout;
        services.AddCheckoutPage(checkout, settings.Organization);
        services.AddPaymentGateways(payments);
        services.AddPlacement();
        services.AddHaltPoints(settings.Testing);
        services.AddSingleton<PlacementReconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<PlacementReconciler>());
        services.AddOutbox(settings.Outbox);
        services.AddRecommendations();
        services.AddSingleton<Outbox.IEventHandler, Resources.CustomerAddresses.SaveToCustomerBook>();
        services.AddConversions();
        services.AddGraphQLTransport();
        services.AddMagentoGraphQL(settings.Limits.TokenRequestsPerIpPerMinute);
        services.AddNostoGraphQL();
        services.AddPlacementParticipant<GiftCardRedemptions>();
        services.AddSingleton<Commerce.Api.Resources.GiftCards.GiftCardCodeAttempts>();
        services.AddScoped<Commerce.Api.Resources.GiftCards.OrderGiftCardCodes>();

        services.AddJsonApi(graph =>
        {
            SkusResource.Define(graph);
            PricesResource.Define(graph);
            PriceListsResource.Define(graph);
            MarketsResource.Define(graph);
            StockItemsResource.Define(graph);
            ShippingMethodsResource.Define(graph);
            PaymentMethodsResource.Define(graph);
            CustomersResource.Define(graph);
            OrdersResource.Define(graph, checkout);
            LineItemsResource.Define(graph);
            AddressesResource.Define(graph);
            PaymentSourcesResource.Define(graph);
            TransactionsResource.Define(graph);
            ShipmentsResource.Define(graph);
            EventsResource.Define(graph);
            WebhooksResource.Define(graph);
            Resources.Promotions.PromotionsResource.Define(graph);
            Resources.PromotionRules.PromotionRulesResource.Define(graph);
            Resources.Coupons.CouponsResource.Define(graph);
            Commerce.Api.Resources.GiftCards.GiftCardsResource.Define(graph);
            OrganizationResource.Define(graph);
            Resources.CustomerAddresses.CustomerAddressesResource.Define(graph);
            Resources.CustomerPaymentSources.CustomerPaymentSourcesResource.Define(graph);
        });
        return services;
    }

    public static WebApplication UseCommerce(this WebApplication app)
    {
        // First: the client's address behind a trusted reverse proxy; then every request gets its correlation id and its
        // log line, whatever answers it.
        app.UseTrustedForwardedHeaders(app.Services.GetRequiredService<LimitOptions>());
        app.UseMiddleware<RequestLogging>();
        // Every error answer that has no body yet, outside /api too (an unknown path's 404, a 405), is a JSON:API error
        // document, as CONTRACT.md says. Kestrel's own 400s for a request line or header it cannot parse never reach here.
        app.Use(async (context, next) =>
        {
            await next(context);
            await ErrorFunnel.WriteIfEmptyAsync(context);
        });
        app.UseCommerceOpenApi();
        app.UseRequestBodyLimit(app.Services.GetRequiredService<LimitOptions>());
        app.UseCors(AbuseProtection.CorsPolicy);
        app.UseRateLimiter();
        app.UseTokenRequestParsing();
        app.UseGraphQLBasicTokens();
        app.UseAuthentication();
        app.UseApplicationRateLimit();
        // Outside the JSON:API funnel, so that the stored response is the one the client got, errors included.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseMiddleware<Commerce.Api.Idempotency.IdempotencyMiddleware>());
        app.UseJsonApi();
        app.UseAuthorization();
        app.MapJsonApi().RequireAuthorization(AuthServiceCollectionExtensions.ApiPolicy);
        app.MapCommerceHealth();
        app.MapCheckoutPage();
        app.MapGraphQLEndpoints();
        app.MapFrontDoor();
        app.UseCommerceTelemetry();
        return app;
    }
}
