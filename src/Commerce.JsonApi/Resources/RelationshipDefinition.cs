using System.Linq.Expressions;

namespace Commerce.JsonApi.Resources;

/// <summary>
/// Loads a relationship that is not a navigation (for example the payment methods an order may use).
/// Such relationships can be read and included as a leaf, never written.
/// </summary>
public delegate Task<IReadOnlyList<object>> RelationshipLoader(IServiceProvider services, object resource, CancellationToken cancellationToken);

/// <summary>
/// Loads a ranked, bounded list (recommendations, say): at most <paramref name="size"/> resources, best first, and what the
/// list's document says of itself in <c>meta</c>.
/// </summary>
public delegate Task<RankedList> RankedRelationshipLoader(IServiceProvider services, object resource, int size, CancellationToken cancellationToken);

/// <summary>What a <see cref="RankedRelationshipLoader"/> found: the resources, best first, and the document's extra <c>meta</c>.</summary>
public sealed record RankedList(IReadOnlyList<object> Items, IReadOnlyDictionary<string, object?> Meta);

/// <summary>The page sizes of a ranked relationship's related endpoint (<c>page[size]</c>; it has one page).</summary>
public sealed record RankedPaging(int DefaultSize, int MaxSize);

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
    /// <summary>For a ranked relationship: its loader, which the related endpoint asks with the page size.</summary>
    public RankedRelationshipLoader? Ranked { get; internal init; }
    /// <summary>For a ranked relationship: the default and largest <c>page[size]</c> of its related endpoint.</summary>
    public RankedPaging? RankedPaging { get; internal init; }

    public bool Allows(Can capability) => (Capabilities & capability) == capability;

    public bool IsNavigation => Navigation is not null;
}
