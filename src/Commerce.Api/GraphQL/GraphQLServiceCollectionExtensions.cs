using GraphQL;
using GraphQL.SystemTextJson;

namespace Commerce.Api.GraphQL;

/// <summary>Registering GraphQL endpoints (schemas at paths) and mapping them.</summary>
public static class GraphQLServiceCollectionExtensions
{
    /// <summary>The transport's services; called once by <c>AddCommerce</c>.</summary>
    public static IServiceCollection AddGraphQLTransport(this IServiceCollection services)
    {
        services.AddSingleton<IDocumentExecuter, DocumentExecuter>();
        services.AddSingleton(new GraphQLSerializer(new GraphQLErrorInfoProvider()));
        services.AddSingleton<PublicSalesChannel>();
        services.AddSingleton<GraphQLTransport>();
        return services;
    }

    /// <summary>
    /// Serves a schema at a path with the shared transport. The Magento schema is one (<c>/graphql</c>); another schema is
    /// one more call, e.g. <c>services.AddGraphQLEndpoint(new GraphQLEndpoint { Path = "/v1/graphql", CreateSchema = sp =&gt; new NostoSchema(), … })</c>.
    /// </summary>
    public static IServiceCollection AddGraphQLEndpoint(this IServiceCollection services, GraphQLEndpoint endpoint)
    {
        if (!endpoint.Path.StartsWith('/') || endpoint.Path.StartsWith("/api", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"A GraphQL endpoint's path starts with '/' and lies outside /api: '{endpoint.Path}'.", nameof(endpoint));
        services.AddSingleton(endpoint);
        return services;
    }

    /// <summary>Before authentication: Nosto's Basic header becomes a bearer header on the endpoints that take it (<see cref="GraphQLEndpoint.AcceptBasicToken"/>).</summary>
    public static IApplicationBuilder UseGraphQLBasicTokens(this IApplicationBuilder app)
    {
        var paths = app.ApplicationServices.GetServices<GraphQLEndpoint>().Where(e => e.AcceptBasicToken).Select(e => new PathString(e.Path)).ToArray();
        if (paths.Length == 0)
            return app;
        return app.Use((context, next) =>
        {
            if (paths.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
                GraphQLTransport.RewriteBasicToken(context);
            return next(context);
        });
    }

    /// <summary>Maps every registered endpoint (POST; other methods are 405 with a GraphQL error document).</summary>
    public static IEndpointRouteBuilder MapGraphQLEndpoints(this IEndpointRouteBuilder routes)
    {
        var transport = routes.ServiceProvider.GetRequiredService<GraphQLTransport>();
        foreach (var endpoint in routes.ServiceProvider.GetServices<GraphQLEndpoint>())
        {
            var served = transport.Serve(endpoint);
            routes.Map(endpoint.Path, context => served(context)).AllowAnonymous().ExcludeFromDescription();
        }
        return routes;
    }
}
