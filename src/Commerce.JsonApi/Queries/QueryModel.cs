using Commerce.JsonApi.Resources;

namespace Commerce.JsonApi.Queries;

/// <summary>The validated query string of one request.</summary>
public sealed class QueryModel
{
    public static readonly QueryModel Empty = new();

    public IncludeNode Include { get; init; } = new(null);
    /// <summary>Sparse fieldsets by resource type; a type absent here shows every readable field.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Fields { get; init; } = new Dictionary<string, IReadOnlySet<string>>();
    public IReadOnlyList<SortTerm> Sort { get; init; } = [];
    public IReadOnlyList<FilterTerm> Filters { get; init; } = [];
    public int PageNumber { get; init; } = 1;
    public int PageSize { get; init; } = 10;
    public bool PageSizeGiven { get; init; }

    public bool ShowsField(string type, string name) =>
        !Fields.TryGetValue(type, out var set) || set.Contains(name);
}

/// <summary>A node of the include tree: its children are the relationships to include below it.</summary>
public sealed class IncludeNode(RelationshipDefinition? relationship)
{
    public RelationshipDefinition? Relationship { get; } = relationship;
    public Dictionary<string, IncludeNode> Children { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Children.Count == 0;
}

public sealed record SortTerm(AttributeDefinition Attribute, bool Descending);

public sealed record FilterTerm(AttributeDefinition Attribute, FilterPredicate Predicate, string RawValue, string Parameter);

/// <summary>The predicates of Commerce Layer's filter syntax (<c>filter[q][attr_predicate]</c>).</summary>
public enum FilterPredicate
{
    Eq,
    NotEq,
    In,
    NotIn,
    Lt,
    Lteq,
    Gt,
    Gteq,
    Cont,
    Start,
    End,
    Null,
    NotNull,
    Present,
    Blank,
    True,
    False,
}
