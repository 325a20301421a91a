using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Microsoft.AspNetCore.Http;

namespace Commerce.JsonApi.Http;

/// <summary>
/// Resolves what a write's relationship names, through the target type's own access rule and scope: the handler
/// of the target type loads it (tracked, as its <see cref="IResourceHandler{T}.QueryForWrite"/> does), so what the
/// caller may not read does not exist for it, and linking it is 404 <c>RECORD_NOT_FOUND</c> at the relationship's
/// pointer, exactly as reading it would be. Hosts resolve every relationship target of every write through this.
/// </summary>
public sealed class RelationshipTargets(ResourceEndpointSet endpoints, IHttpContextAccessor accessor, IServiceProvider services)
{
    /// <summary>The resource the relationship names; null when it was set to null.</summary>
    public async Task<T?> FindAsync<T>(RelationshipInput relationship) where T : class
    {
        if (relationship.Single is not { } identifier)
            return null;
        var context = accessor.HttpContext ?? new DefaultHttpContext { RequestServices = services };
        var found = await endpoints.For(identifier.Type).FindTargetAsync(context, identifier.Id);
        return found as T ?? throw JsonApiException.NotFound(identifier.Type, identifier.Id, relationship.Pointer);
    }

    /// <summary>
    /// The resource of <paramref name="type"/> with <paramref name="id"/> that an attribute names (a trigger such as
    /// <c>_billing_address_clone_id</c>), read as the target type's own route reads it: 404 <c>RECORD_NOT_FOUND</c> at
    /// <paramref name="pointer"/> when the caller may not read it.
    /// </summary>
    public async Task<T> FindByIdAsync<T>(string type, string? id, string pointer) where T : class
    {
        var context = accessor.HttpContext ?? new DefaultHttpContext { RequestServices = services };
        var found = string.IsNullOrWhiteSpace(id) ? null : await endpoints.For(type).FindTargetAsync(context, id);
        return found as T ?? throw JsonApiException.NotFound(type, id ?? "", pointer);
    }

    /// <summary>The resource a relationship the resource cannot exist without names: 422 at its pointer when it is absent or null.</summary>
    public async Task<T> RequireAsync<T>(ResourceInput input, string name) where T : class
    {
        if (!input.TryGetRelationship(name, out var relationship) || relationship.Single is null)
            throw JsonApiException.Invalid(ResourceInput.RelationshipPointer(name), $"{name} can't be blank.");
        return (await FindAsync<T>(relationship))!;
    }
}
