namespace Commerce.JsonApi.Queries;

/// <summary>The kinds of attribute a filter predicate may apply to.</summary>
[Flags]
public enum FilterTarget
{
    /// <summary>A <see cref="string"/> attribute.</summary>
    Text = 1,
    /// <summary>A <see cref="bool"/> attribute.</summary>
    Boolean = 2,
    /// <summary>Any other attribute: a number, a date.</summary>
    Value = 4,
    Any = Text | Boolean | Value,
}

/// <summary>What a filter predicate's value is.</summary>
public enum FilterOperand
{
    /// <summary>One value of the attribute's type.</summary>
    Value,
    /// <summary>A comma-separated list of values of the attribute's type.</summary>
    List,
    /// <summary><c>true</c> applies the predicate's test, <c>false</c> negates it.</summary>
    Test,
}

/// <summary>One filter predicate: its name in <c>filter[q][attribute_name]</c>, what it takes, and what it applies to.</summary>
public sealed record FilterPredicateInfo(FilterPredicate Predicate, string Name, FilterOperand Operand, FilterTarget AppliesTo)
{
    public string Suffix { get; } = "_" + Name;

    public bool AppliesToType(Type valueType) => (AppliesTo & FilterPredicates.TargetOf(valueType)) != 0;
}

/// <summary>
/// The one table of filter predicates (Commerce Layer's syntax), read by the query parser, the filter builder and the
/// OpenAPI description of <c>filter[q]</c>.
/// </summary>
public static class FilterPredicates
{
    /// <summary>Every predicate, in the order the API description lists them.</summary>
    public static IReadOnlyList<FilterPredicateInfo> All { get; } =
    [
        new(FilterPredicate.Eq, "eq", FilterOperand.Value, FilterTarget.Any),
        new(FilterPredicate.NotEq, "not_eq", FilterOperand.Value, FilterTarget.Any),
        new(FilterPredicate.In, "in", FilterOperand.List, FilterTarget.Any),
        new(FilterPredicate.NotIn, "not_in", FilterOperand.List, FilterTarget.Any),
        new(FilterPredicate.Lt, "lt", FilterOperand.Value, FilterTarget.Text | FilterTarget.Value),
        new(FilterPredicate.Lteq, "lteq", FilterOperand.Value, FilterTarget.Text | FilterTarget.Value),
        new(FilterPredicate.Gt, "gt", FilterOperand.Value, FilterTarget.Text | FilterTarget.Value),
        new(FilterPredicate.Gteq, "gteq", FilterOperand.Value, FilterTarget.Text | FilterTarget.Value),
        new(FilterPredicate.Cont, "cont", FilterOperand.Value, FilterTarget.Text),
        new(FilterPredicate.Start, "start", FilterOperand.Value, FilterTarget.Text),
        new(FilterPredicate.End, "end", FilterOperand.Value, FilterTarget.Text),
        new(FilterPredicate.Null, "null", FilterOperand.Test, FilterTarget.Any),
        new(FilterPredicate.NotNull, "not_null", FilterOperand.Test, FilterTarget.Any),
        new(FilterPredicate.Present, "present", FilterOperand.Test, FilterTarget.Any),
        new(FilterPredicate.Blank, "blank", FilterOperand.Test, FilterTarget.Any),
        new(FilterPredicate.True, "true", FilterOperand.Test, FilterTarget.Boolean),
        new(FilterPredicate.False, "false", FilterOperand.Test, FilterTarget.Boolean),
    ];

    /// <summary>Longest suffix first, so that "not_eq" wins over "eq" and "not_null" over "null" when a name is split.</summary>
    public static IReadOnlyList<FilterPredicateInfo> LongestSuffixFirst { get; } = [.. All.OrderByDescending(p => p.Suffix.Length)];

    public static FilterPredicateInfo Of(FilterPredicate predicate) => All.First(p => p.Predicate == predicate);

    /// <summary>The predicates that apply to an attribute of this type.</summary>
    public static IEnumerable<FilterPredicateInfo> For(Type valueType) => All.Where(p => p.AppliesToType(valueType));

    public static FilterTarget TargetOf(Type valueType)
    {
        var underlying = Nullable.GetUnderlyingType(valueType) ?? valueType;
        return underlying == typeof(string) ? FilterTarget.Text : underlying == typeof(bool) ? FilterTarget.Boolean : FilterTarget.Value;
    }
}
