using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.JsonApi.Http;

public static class JsonApiEndpointRouteBuilderExtensions
{
    /// <summary>Registers the resource graph, the handler declared with each resource type, and the protocol services.</summary>
    public static IServiceCollection AddJsonApi(this IServiceCollection services, Action<ResourceGraphBuilder> configure)
    {
        var builder = new ResourceGraphBuilder();
        configure(builder);
        var graph = builder.Build();
        services.AddSingleton(graph);
        foreach (var resource in graph.Resources)
        {
            var handler = resource.HandlerType ?? throw new InvalidOperationException(
                $"Resource type '{resource.PublicName}' has no handler: declare it with Add<T, THandler>.");
            services.AddKeyedScoped(typeof(IResourceHandler<>).MakeGenericType(resource.ClrType), resource.PublicName, handler);
        }
        services.AddSingleton<ResourceEndpointSet>();
        services.AddHttpContextAccessor();
        services.AddScoped<RelationshipTargets>();
        return services;
    }

    /// <summary>The error funnel and content negotiation for every request under the API's base path.</summary>
    public static IApplicationBuilder UseJsonApi(this IApplicationBuilder app)
    {
        var graph = app.ApplicationServices.GetRequiredService<ResourceGraph>();
        return app.UseWhen(c => c.Request.Path.StartsWithSegments(graph.Options.BasePath), branch =>
        {
            branch.UseMiddleware<ErrorFunnel>();
            branch.Use(async (context, next) =>
            {
                MediaTypes.CheckAccept(context.Request);
                await next(context);
            });
        });
    }

    /// <summary>
    /// Maps the endpoints of every resource: list, get, create, update, delete, related resources and
    /// relationship linkage. Relationship writes answer 403: relationships change through the owner's PATCH.
    /// </summary>
    /// <returns>The group of every JSON:API route, so the host can add conventions (authorization, CORS) once.</returns>
    /// <remarks>The routes are excluded from ApiExplorer: <see cref="OpenApi.JsonApiDocumentFilter"/> describes them from the graph.</remarks>
    public static RouteGroupBuilder MapJsonApi(this IEndpointRouteBuilder endpoints)
    {
        var graph = endpoints.ServiceProvider.GetRequiredService<ResourceGraph>();
        var all = endpoints.ServiceProvider.GetRequiredService<ResourceEndpointSet>().All;
        var basePath = graph.Options.BasePath;
        var api = endpoints.MapGroup(basePath);
        api.ExcludeFromDescription();
        foreach (var handler in all)
        {
            var resource = handler.Resource;
            var name = resource.PublicName;
            if (resource.SingletonPath is { } singleton)
                api.MapGet($"/{singleton}", handler.GetSingletonAsync).WithTags(name).WithName($"get_{name}");
            var group = api.MapGroup($"/{name}").WithTags(name);
            if (resource.Operations.HasFlag(ResourceOperations.List))
                group.MapGet("", handler.ListAsync).WithName($"list_{name}");
            if (resource.Operations.HasFlag(ResourceOperations.Create))
                group.MapPost("", handler.CreateAsync).WithName($"create_{name}");
            if (resource.Operations.HasFlag(ResourceOperations.Get))
                group.MapGet("{id}", (HttpContext c, string id) => handler.GetAsync(c, id)).WithName($"get_{name}");
            if (resource.Operations.HasFlag(ResourceOperations.Update))
                group.MapPatch("{id}", (HttpContext c, string id) => handler.UpdateAsync(c, id)).WithName($"update_{name}");
            if (resource.Operations.HasFlag(ResourceOperations.Delete))
                group.MapDelete("{id}", (HttpContext c, string id) => handler.DeleteAsync(c, id)).WithName($"delete_{name}");
            foreach (var relationship in resource.Relationships)
            {
                var rel = relationship.Name;
                group.MapGet($"{{id}}/{rel}", (HttpContext c, string id) => handler.GetRelatedAsync(c, id, rel, linkageOnly: false))
                    .WithName($"get_{name}_{rel}");
                group.MapGet($"{{id}}/relationships/{rel}", (HttpContext c, string id) => handler.GetRelatedAsync(c, id, rel, linkageOnly: true))
                    .WithName($"get_{name}_relationships_{rel}");
                group.MapMethods($"{{id}}/relationships/{rel}", ["PATCH", "POST", "DELETE"], (HttpContext _) =>
                        throw JsonApiException.Forbidden($"Relationships are changed through PATCH {basePath}/{name}/:id, not through the relationship endpoint."))
                    .WithName($"write_{name}_relationships_{rel}");
            }
        }
        return api;
    }
}
