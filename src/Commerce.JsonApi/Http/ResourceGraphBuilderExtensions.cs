using System.Linq.Expressions;
using Commerce.JsonApi.Resources;

namespace Commerce.JsonApi.Http;

public static class ResourceGraphBuilderExtensions
{
    /// <summary>
    /// Declares a resource type with the handler that reads and writes it: <c>AddJsonApi</c> registers
    /// <typeparamref name="THandler"/>, scoped, as the <see cref="IResourceHandler{T}"/> keyed by
    /// <paramref name="publicName"/>. Where one CLR type backs several resource types, each may name the same handler,
    /// which learns which one it serves from its <c>[ServiceKey]</c> constructor parameter.
    /// </summary>
    public static ResourceGraphBuilder Add<T, THandler>(this ResourceGraphBuilder graph, string publicName, Expression<Func<T, string>> id,
        Action<ResourceBuilder<T>> configure) where T : class where THandler : class, IResourceHandler<T>
    {
        graph.AddDefinition(publicName, id, configure).HandlerType = typeof(THandler);
        return graph;
    }
}
