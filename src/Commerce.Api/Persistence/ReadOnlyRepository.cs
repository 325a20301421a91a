using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;

namespace Commerce.Api.Persistence;

/// <summary>
/// A resource the service writes by itself (transactions, shipments, events, event callbacks): readable
/// through its query, never written through the API. Its routes offer no writes (405); these guard the rest.
/// </summary>
internal abstract class ReadOnlyRepository<T>(string writtenBy) : IResourceRepository<T> where T : class
{
    public abstract IQueryable<T> Query();

    /// <summary>What the service writes is scoped by role (the access policy), not by row, unless a repository narrows <see cref="Query"/>.</summary>
    public virtual bool HidesNothing => true;

    public Task<T> CreateAsync(ResourceInput input, CancellationToken cancellationToken) => throw ReadOnly();
    public Task UpdateAsync(T resource, ResourceInput input, CancellationToken cancellationToken) => throw ReadOnly();
    public Task DeleteAsync(T resource, CancellationToken cancellationToken) => throw ReadOnly();

    private JsonApiException ReadOnly() => JsonApiException.Forbidden($"This resource is written by {writtenBy} only.");
}
