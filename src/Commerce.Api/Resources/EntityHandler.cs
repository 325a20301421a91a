using Commerce.Api.Persistence;
using Commerce.Domain.Common;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources;

/// <summary>
/// The usual write path of a resource: build it (<see cref="NewAsync"/>), apply the targeted attributes
/// that have public setters, let the resource apply the rest (<see cref="ApplyAsync"/>), validate with
/// FluentValidation (every failure a 422 with its pointer), save. One request, one SaveChanges.
/// </summary>
public abstract class EntityHandler<T>(CommerceDbContext db, IValidator<T> validator) : IResourceHandler<T> where T : Entity
{
    protected CommerceDbContext Db => db;

    public virtual IQueryable<T> Query() => db.Set<T>();

    /// <summary>Each handler says whether its <see cref="Query"/> hides rows from the caller (no default: a narrowed scope must not leak).</summary>
    public abstract bool HidesNothing { get; }

    public async Task<T> CreateAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        var entity = await NewAsync(input, cancellationToken);
        input.ApplySettableAttributes(entity);
        await ApplyAsync(entity, input, cancellationToken);
        await ValidateAsync(entity, input, cancellationToken);
        db.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return entity;
    }

    public async Task UpdateAsync(T resource, ResourceInput input, CancellationToken cancellationToken)
    {
        input.ApplySettableAttributes(resource);
        await ApplyAsync(resource, input, cancellationToken);
        await ValidateAsync(resource, input, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public virtual async Task DeleteAsync(T resource, CancellationToken cancellationToken)
    {
        db.Remove(resource);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A new resource from the attributes a POST must carry (see <see cref="ResourceInput.Require"/>).</summary>
    protected abstract Task<T> NewAsync(ResourceInput input, CancellationToken cancellationToken);

    /// <summary>Relationships and anything a setter cannot express.</summary>
    protected virtual Task ApplyAsync(T resource, ResourceInput input, CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ValidateAsync(T resource, ResourceInput input, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(resource, cancellationToken);
        if (result.IsValid)
            return;
        throw new JsonApiException([.. result.Errors.Select(f => new ErrorObject(422, ErrorCodes.ValidationError, "Unprocessable entity",
            f.ErrorMessage, ErrorSource.AtPointer(PointerFor(input.Resource, f.PropertyName))))]);
    }

    /// <summary>"CountryCodes[1]" → <c>/data/attributes/country_codes</c>; "Sku" → <c>/data/relationships/sku</c>.</summary>
    private static string PointerFor(ResourceDefinition resource, string propertyName)
    {
        var member = NamingPolicy.ToMemberName(propertyName.Split('[', '.')[0]);
        if (resource.FindAttribute(member) is not null)
            return ResourceInput.AttributePointer(member);
        if (resource.FindRelationship(member) is not null)
            return ResourceInput.RelationshipPointer(member);
        return "/data";
    }
}
