using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Resources;
using Microsoft.AspNetCore.Http;

namespace Commerce.JsonApi.Http;

public enum ResourceOperation
{
    List,
    Get,
    Create,
    Update,
    Delete,
}

/// <summary>
/// Who may do what, by role, asked by every endpoint: before the operation (by resource type) and for every write (its
/// targeted fields and triggers). Throw a <see cref="Errors.JsonApiException"/> to refuse (403). Which rows a caller sees
/// is the handler's scope (<see cref="IResourceHandler{T}.Query"/>: absent, 404), and what a loaded resource's state
/// allows is its handler's and its aggregate's rule, not the policy's. The host registers one; without it everything is
/// allowed.
/// </summary>
public interface IResourceAccessPolicy
{
    void Authorize(HttpContext context, ResourceDefinition resource, ResourceOperation operation);

    void AuthorizeWrite(HttpContext context, ResourceInput input);
}
