using System.Linq.Expressions;

namespace Commerce.JsonApi.Resources;

/// <summary>
/// Loads a relationship that is not a navigation (for example the payment methods an order may use).
/// Such relationships can be read and included as a leaf, never written.
/// </summary>
public delegate Task<IReadOnlyList<object>> RelationshipLoader(IServiceProvider services, object resource, CancellationToken cancellationToken);

/// <summary>
/// A relationship of a resource: to-one, to-many, or polymorphic to-one (several target types).
/// </summary>
public sealed class RelationshipDefinition
{
    internal RelationshipDefinition(string name, RelationshipKind kind, IReadOnlyList<string> targetTypes, Can capabilities,
        string? navigation, Func<object, object?>? getter, LambdaExpression? inverseForeignKey, RelationshipLoader? loader, string? description)
    {
        Name = name;
        Kind = kind;
        TargetTypes = targetTypes;
        Capabilities = capabilities;
        Navigation = navigation;
        Getter = getter;
        InverseForeignKey = inverseForeignKey;
        Loader = loader;
        Description = description;
    }

    public string Name { get; }
    public RelationshipKind Kind { get; }
    public IReadOnlyList<string> TargetTypes { get; }
    public bool IsPolymorphic => TargetTypes.Count > 1;
    public Can Capabilities { get; }
    /// <summary>The CLR navigation property name, used for eager loading; null for loader-backed relationships.</summary>
    public string? Navigation { get; }
    /// <summary>For to-many relationships: the property of the target that points back at the owner, so
    /// <c>/owner/:id/relationship</c> pages, filters and sorts in SQL.</summary>
    public LambdaExpression? InverseForeignKey { get; }
    public RelationshipLoader? Loader { get; }
    public string? Description { get; }
    internal Func<object, object?>? Getter { get; }

    public bool Allows(Can capability) => (Capabilities & capability) == capability;

    public bool IsNavigation => Navigation is not null;
}
