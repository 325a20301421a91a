using Commerce.JsonApi.Resources;
using Microsoft.AspNetCore.Http;

namespace Commerce.JsonApi.Http;

/// <summary>
/// The request pipelines of every resource type, built once from the graph. Besides serving the routes it
/// renders a resource's document outside any request (for example as a webhook payload), through the
/// same pipeline, so a payload reads exactly like a GET.
/// </summary>
public sealed class ResourceEndpointSet
{
    private readonly Dictionary<string, IResourceEndpoints> _byType = new(StringComparer.Ordinal);

    public ResourceEndpointSet(ResourceGraph graph)
    {
        foreach (var resource in graph.Resources)
        {
            var type = typeof(ResourceEndpoints<>).MakeGenericType(resource.ClrType);
            _byType[resource.PublicName] = (IResourceEndpoints)Activator.CreateInstance(type, resource, graph, (Func<string, IResourceEndpoints>)(t => _byType[t]))!;
        }
        Graph = graph;
    }

    internal ResourceGraph Graph { get; }
    internal IEnumerable<IResourceEndpoints> All => _byType.Values;

    internal IResourceEndpoints For(string type) => _byType[type];

    /// <summary>
    /// The document <c>GET {apiBase}/{type}/{id}?include=…</c> would answer, rendered with <paramref name="services"/>
    /// (a scope of the host). Null when the resource does not exist; the status and body otherwise.
    /// </summary>
    public async Task<(int Status, byte[] Body)> RenderAsync(IServiceProvider services, string type, string id, string? include, Uri apiBase,
        CancellationToken cancellationToken)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = HttpMethods.Get;
        context.Request.Scheme = apiBase.Scheme;
        context.Request.Host = new HostString(apiBase.Authority);
        context.Request.Path = $"{apiBase.AbsolutePath.TrimEnd('/')}/{type}/{id}";
        if (!string.IsNullOrEmpty(include))
            context.Request.QueryString = QueryString.Create("include", include);
        using var body = new MemoryStream();
        context.Response.Body = body;
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        context.RequestAborted = aborted.Token;
        await _byType[type].GetAsync(context, id);
        return (context.Response.StatusCode, body.ToArray());
    }
}
