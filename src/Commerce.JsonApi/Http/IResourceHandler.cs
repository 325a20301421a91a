using Commerce.JsonApi.Documents;

namespace Commerce.JsonApi.Http;

/// <summary>
/// The use case of one resource type, implemented by the host: its read scope (<see cref="Query"/>) and what a write
/// means (<see cref="CreateAsync"/>, <see cref="UpdateAsync"/>, <see cref="DeleteAsync"/>). The protocol layer filters,
/// sorts, pages and eager-loads on top of <see cref="Query"/>, and calls the writes with the parsed document. Declared
/// with its resource type (<see cref="ResourceGraphBuilderExtensions.Add{T, THandler}"/>), which registers it, scoped,
/// under the resource type's name.
/// </summary>
public interface IResourceHandler<T> where T : class
{
    /// <summary>Every resource the caller may see. Tracked: the protocol layer adds no-tracking for reads.</summary>
    IQueryable<T> Query();

    /// <summary>
    /// The resources a PATCH or DELETE may load, tracked, with whatever the write's rules read. The same scope as
    /// <see cref="Query"/>; by default it is <see cref="Query"/>. The loaded resource is handed to
    /// <see cref="UpdateAsync"/> or <see cref="DeleteAsync"/> and, after an update, rendered as it was saved.
    /// </summary>
    IQueryable<T> QueryForWrite() => Query();

    /// <summary>
    /// True when <see cref="Query"/> shows the caller every resource of the type (no row-level scope), so a resource reached
    /// through another one's relationship (an include, a related endpoint) needs no check against it. False, the safe
    /// default, has what a relationship reaches checked against <see cref="Query"/> with one query per type and request.
    /// </summary>
    bool HidesNothing => false;

    /// <summary>
    /// Creates and saves a resource from the targeted fields of a POST. The instance returned is the one the answer
    /// renders, so it carries the navigations its computed attributes read.
    /// </summary>
    Task<T> CreateAsync(ResourceInput input, CancellationToken cancellationToken);

    /// <summary>Applies the targeted fields (and triggers) of a PATCH to a loaded, tracked resource and saves.</summary>
    Task UpdateAsync(T resource, ResourceInput input, CancellationToken cancellationToken);

    Task DeleteAsync(T resource, CancellationToken cancellationToken);
}
