using System.Linq.Expressions;

namespace Commerce.JsonApi.Resources;

/// <summary>A resource type of the API: its public name, CLR type, fields and default order.</summary>
public abstract class ResourceDefinition
{
    private readonly Dictionary<string, AttributeDefinition> _attributes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RelationshipDefinition> _relationships = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TriggerDefinition> _triggers = new(StringComparer.Ordinal);

    protected ResourceDefinition(string publicName, Type clrType)
    {
        PublicName = publicName;
        ClrType = clrType;
    }

    public string PublicName { get; }
    public Type ClrType { get; }
    public string? Description { get; internal set; }
    /// <summary>Operations the resource offers at all (roles may narrow them further).</summary>
    public ResourceOperations Operations { get; internal set; } = ResourceOperations.All;

    /// <summary>
    /// Set for a singleton (<c>GET {base}/{SingletonPath}</c>, as Commerce Layer's <c>/api/organization</c>): the one resource
    /// of the type, read without an id; its self link is that path. Null for ordinary types.
    /// </summary>
    public string? SingletonPath { get; internal set; }

    public IReadOnlyCollection<AttributeDefinition> Attributes => _attributes.Values;
    public IReadOnlyCollection<RelationshipDefinition> Relationships => _relationships.Values;
    public IReadOnlyCollection<TriggerDefinition> Triggers => _triggers.Values;

    /// <summary>
    /// The host's type that reads and writes this resource type (an <c>IResourceHandler</c> of <see cref="ClrType"/>), set
    /// where the resource is declared; null in a graph no endpoints are mapped for.
    /// </summary>
    public Type? HandlerType { get; internal set; }

    /// <summary>When one CLR type backs several resource types: whether an object is of this one.</summary>
    public Func<object, bool>? Discriminator { get; internal set; }

    public abstract string GetId(object resource);
    public abstract LambdaExpression IdExpression { get; }
    internal IReadOnlyList<(LambdaExpression Key, bool Descending)> DefaultSort { get; set; } = [];

    public AttributeDefinition? FindAttribute(string name) => _attributes.GetValueOrDefault(name);
    public RelationshipDefinition? FindRelationship(string name) => _relationships.GetValueOrDefault(name);
    public TriggerDefinition? FindTrigger(string name) => _triggers.GetValueOrDefault(name);

    internal void Add(AttributeDefinition attribute) => AddUnique(_attributes, attribute.Name, attribute);
    internal void Add(RelationshipDefinition relationship) => AddUnique(_relationships, relationship.Name, relationship);
    internal void Add(TriggerDefinition trigger) => AddUnique(_triggers, trigger.Name, trigger);

    private void AddUnique<T>(Dictionary<string, T> members, string name, T member)
    {
        if (_attributes.ContainsKey(name) || _relationships.ContainsKey(name) || _triggers.ContainsKey(name) || name is "id" or "type")
            throw new InvalidOperationException($"Resource '{PublicName}' declares the field '{name}' twice or uses a reserved name.");
        members.Add(name, member);
    }
}

[Flags]
public enum ResourceOperations
{
    None = 0,
    List = 1,
    Get = 2,
    Create = 4,
    Update = 8,
    Delete = 16,
    ReadOnly = List | Get,
    All = List | Get | Create | Update | Delete,
}

public sealed class ResourceDefinition<T> : ResourceDefinition where T : class
{
    private readonly Func<T, string> _id;

    internal ResourceDefinition(string publicName, Expression<Func<T, string>> id) : base(publicName, typeof(T))
    {
        IdExpression = id;
        _id = id.Compile();
    }

    public override LambdaExpression IdExpression { get; }
    public Expression<Func<T, string>> TypedIdExpression => (Expression<Func<T, string>>)IdExpression;

    public override string GetId(object resource) => _id((T)resource);
}
