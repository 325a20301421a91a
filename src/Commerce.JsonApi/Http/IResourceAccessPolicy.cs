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
/// Who may do what, asked by every endpoint: before the operation (by resource type), for every write
/// (its targeted fields and triggers), and once the resource is loaded (by its state). Throw a
/// <see cref="Errors.JsonApiException"/> to refuse (403, or 404 to hide that a resource exists).
/// The host registers one; without it everything is allowed.
/// </summary>
public interface IResourceAccessPolicy
{
    void Authorize(HttpContext context, ResourceDefinition resource, ResourceOperation operation);

    void AuthorizeWrite(HttpContext context, ResourceInput input);

    void AuthorizeResource(HttpContext context, ResourceDefinition resource, ResourceOperation operation, object loaded);
}
