using System.Linq.Expressions;

namespace Commerce.JsonApi.Resources;

/// <summary>Declares the fields of one resource type. Names default to the snake_case of the CLR member.</summary>
public sealed class ResourceBuilder<T> where T : class
{
    internal ResourceBuilder(ResourceDefinition<T> definition) => Definition = definition;

    internal ResourceDefinition<T> Definition { get; }

    public ResourceBuilder<T> Describe(string description)
    {
        Definition.Description = description;
        return this;
    }

    /// <summary>Several resource types over one CLR type: this one holds the objects that match.</summary>
    public ResourceBuilder<T> When(Func<T, bool> discriminator)
    {
        Definition.Discriminator = o => discriminator((T)o);
        return this;
    }

    public ResourceBuilder<T> Offers(ResourceOperations operations)
    {
        Definition.Operations = operations;
        return this;
    }

    /// <summary>
    /// A singleton: the type has exactly one resource, read with <c>GET {base}/{path}</c> (no id, no list, no writes); the
    /// handler's query holds it (the first row is served).
    /// </summary>
    public ResourceBuilder<T> Singleton(string path)
    {
        Definition.SingletonPath = path;
        Definition.Operations = ResourceOperations.None;
        return this;
    }

    /// <summary>A stored attribute backed by a property: may be filtered and sorted in SQL.</summary>
    public ResourceBuilder<T> Attribute<TValue>(Expression<Func<T, TValue>> property, Can capabilities, string? name = null, string? description = null)
    {
        if (property.Body is not MemberExpression member)
            throw new ArgumentException("A stored attribute must be a property access.", nameof(property));
        var getter = property.Compile();
        var setter = (capabilities & Can.Write) != 0 ? AttributeDefinition.SetterFor(member) : null;
        Definition.Add(new AttributeDefinition(name ?? NamingPolicy.ToMemberName(member.Member.Name), typeof(TValue), capabilities,
            o => getter((T)o), property, setter, description));
        return this;
    }

    /// <summary>A computed attribute: read-only, neither filterable nor sortable.</summary>
    public ResourceBuilder<T> Computed<TValue>(string name, Func<T, TValue> getter, string? description = null)
    {
        Definition.Add(new AttributeDefinition(name, typeof(TValue), Can.Read, o => getter((T)o), null, null, description));
        return this;
    }

    /// <summary>A write-only attribute that is stored but never returned (for example a secret); the host applies it.</summary>
    public ResourceBuilder<T> WriteOnly<TValue>(string name, Can capabilities, string? description = null)
    {
        Definition.Add(new AttributeDefinition(name, typeof(TValue), capabilities & Can.Write, _ => null, null, null, description));
        return this;
    }

    public ResourceBuilder<T> ToOne<TTarget>(Expression<Func<T, TTarget?>> navigation, string targetType, Can capabilities = Can.Read,
        string? name = null, string? description = null) where TTarget : class =>
        ToOne(navigation, [targetType], capabilities, name, description);

    /// <summary>A to-one relationship; several target types make it polymorphic.</summary>
    public ResourceBuilder<T> ToOne<TTarget>(Expression<Func<T, TTarget?>> navigation, IReadOnlyList<string> targetTypes, Can capabilities = Can.Read,
        string? name = null, string? description = null) where TTarget : class
    {
        var member = (MemberExpression)navigation.Body;
        var getter = navigation.Compile();
        Definition.Add(new RelationshipDefinition(name ?? NamingPolicy.ToMemberName(member.Member.Name), RelationshipKind.ToOne, targetTypes,
            capabilities | Can.Read, member.Member.Name, o => getter((T)o), null, null, description));
        return this;
    }

    /// <summary>A to-many relationship backed by a collection navigation and the target's foreign key back to this resource.</summary>
    public ResourceBuilder<T> ToMany<TTarget>(Expression<Func<T, IEnumerable<TTarget>>> navigation, string targetType,
        Expression<Func<TTarget, string?>> inverseForeignKey, Can capabilities = Can.Read, string? name = null, string? description = null)
        where TTarget : class
    {
        var member = (MemberExpression)navigation.Body;
        var getter = navigation.Compile();
        Definition.Add(new RelationshipDefinition(name ?? NamingPolicy.ToMemberName(member.Member.Name), RelationshipKind.ToMany, [targetType],
            capabilities | Can.Read, member.Member.Name, o => getter((T)o), inverseForeignKey, null, description));
        return this;
    }

    /// <summary>
    /// A relationship computed by a loader (included only as the last segment of a path). It may be
    /// declared writable: the resource's handler then applies what is sent.
    /// </summary>
    public ResourceBuilder<T> Loaded(string name, RelationshipKind kind, string targetType, RelationshipLoader loader, string? description = null,
        Can capabilities = Can.Read)
    {
        Definition.Add(new RelationshipDefinition(name, kind, [targetType], capabilities | Can.Read, null, null, null, loader, description));
        return this;
    }

    /// <summary>
    /// A loader-backed relationship whose targets may be of several types (polymorphic): read and included as a leaf. It may be
    /// declared writable: the resource's handler then applies what is sent (the reader checks the type is one of the targets).
    /// </summary>
    public ResourceBuilder<T> Loaded(string name, RelationshipKind kind, IReadOnlyList<string> targetTypes, RelationshipLoader loader, string? description = null,
        Can capabilities = Can.Read)
    {
        Definition.Add(new RelationshipDefinition(name, kind, targetTypes, capabilities | Can.Read, null, null, null, loader, description));
        return this;
    }

    /// <summary>
    /// A read-only to-many relationship without a navigation: its related endpoint lists the target by
    /// <paramref name="inverseForeignKey"/> in SQL; <paramref name="loader"/> serves includes.
    /// </summary>
    public ResourceBuilder<T> Loaded<TTarget>(string name, string targetType, Expression<Func<TTarget, string?>> inverseForeignKey, RelationshipLoader loader,
        string? description = null) where TTarget : class
    {
        Definition.Add(new RelationshipDefinition(name, RelationshipKind.ToMany, [targetType], Can.Read, null, null, inverseForeignKey, loader, description));
        return this;
    }

    /// <summary>
    /// A read-only, computed, ranked to-many relationship (recommendations): its related endpoint shows one page of at most
    /// <paramref name="maxSize"/> resources, <paramref name="defaultSize"/> unless <c>page[size]</c> says, best first, with the
    /// loader's <c>meta</c>; an include shows <paramref name="defaultSize"/> of them (as the last segment of a path).
    /// </summary>
    public ResourceBuilder<T> Ranked(string name, string targetType, RankedRelationshipLoader loader, int defaultSize, int maxSize, string? description = null)
    {
        if (defaultSize < 1 || maxSize < defaultSize)
            throw new ArgumentOutOfRangeException(nameof(defaultSize), "Page sizes are 1 ≤ default ≤ max.");
        RelationshipLoader included = async (services, resource, ct) => (await loader(services, resource, defaultSize, ct)).Items;
        Definition.Add(new RelationshipDefinition(name, RelationshipKind.ToMany, [targetType], Can.Read, null, null, null, included, description)
        {
            Ranked = loader,
            RankedPaging = new RankedPaging(defaultSize, maxSize),
        });
        return this;
    }

    public ResourceBuilder<T> Trigger<TValue>(string name, string description, bool onCreate = false)
    {
        if (!name.StartsWith('_'))
            throw new ArgumentException("Trigger attribute names start with '_'.", nameof(name));
        Definition.Add(new TriggerDefinition(name, typeof(TValue), onCreate, description));
        return this;
    }

    /// <summary>The order of lists when the client asks for none; the id always breaks ties.</summary>
    public ResourceBuilder<T> DefaultSort<TKey>(Expression<Func<T, TKey>> key, bool descending = false)
    {
        Definition.DefaultSort = [.. Definition.DefaultSort, (key, descending)];
        return this;
    }
}
