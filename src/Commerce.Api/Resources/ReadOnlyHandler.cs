using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;

namespace Commerce.Api.Resources;

/// <summary>
/// A resource the service writes by itself (transactions, shipments, events, event callbacks): readable
/// through its query, never written through the API. Its routes offer no writes (405); these guard the rest.
/// </summary>
internal abstract class ReadOnlyHandler<T>(string writtenBy) : IResourceHandler<T> where T : class
{
    public abstract IQueryable<T> Query();

    /// <summary>Each handler says whether its <see cref="Query"/> hides rows from the caller (no default: a narrowed scope must not leak).</summary>
    public abstract bool HidesNothing { get; }

    public Task<T> CreateAsync(ResourceInput input, CancellationToken cancellationToken) => throw ReadOnly();
    public Task UpdateAsync(T resource, ResourceInput input, CancellationToken cancellationToken) => throw ReadOnly();
    public Task DeleteAsync(T resource, CancellationToken cancellationToken) => throw ReadOnly();

    private JsonApiException ReadOnly() => JsonApiException.Forbidden($"This resource is written by {writtenBy} only.");
}
