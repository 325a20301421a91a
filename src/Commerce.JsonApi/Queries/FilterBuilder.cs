using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Commerce.JsonApi.Errors;

namespace Commerce.JsonApi.Queries;

/// <summary>
/// Turns a <see cref="FilterTerm"/> into an expression tree over the attribute's property, so EF Core
/// runs it in SQL. Values are typed by the attribute and passed as parameters, never spliced in.
/// </summary>
public static class FilterBuilder
{
    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
    private static readonly MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
    private static readonly MethodInfo StringStartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
    private static readonly MethodInfo StringEndsWith = typeof(string).GetMethod(nameof(string.EndsWith), [typeof(string)])!;
    private static readonly MethodInfo StringToLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
    private static readonly MethodInfo StringTrim = typeof(string).GetMethod(nameof(string.Trim), Type.EmptyTypes)!;

    /// <summary>Checks that the predicate fits the attribute's type and the value parses; 400 otherwise.</summary>
    public static void Validate(FilterTerm term) => _ = Operand(term);

    public static Expression<Func<T, bool>> Build<T>(FilterTerm term)
    {
        var lambda = term.Attribute.Expression!;
        var parameter = Expression.Parameter(typeof(T), "x");
        var member = new ParameterReplacer(lambda.Parameters[0], parameter).Visit(lambda.Body);
        return Expression.Lambda<Func<T, bool>>(Body(term, member), parameter);
    }

    private static Expression Body(FilterTerm term, Expression member)
    {
        var type = member.Type;
        var operand = Operand(term);
        switch (term.Predicate)
        {
            case FilterPredicate.Eq: return Expression.Equal(member, Parameter(operand, type));
            case FilterPredicate.NotEq: return Expression.NotEqual(member, Parameter(operand, type));
            case FilterPredicate.Lt or FilterPredicate.Lteq or FilterPredicate.Gt or FilterPredicate.Gteq:
                return Compare(term.Predicate, member, Parameter(operand, type));
            case FilterPredicate.In or FilterPredicate.NotIn:
                var values = (System.Collections.IList)operand!;
                var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(type))!;
                foreach (var v in values) list.Add(v);
                var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [type], Parameter(list, list.GetType()), member);
                return term.Predicate == FilterPredicate.In ? contains : Expression.Not(contains);
            case FilterPredicate.Cont: return IgnoringCase(member, StringContains, operand);
            case FilterPredicate.Start: return IgnoringCase(member, StringStartsWith, operand);
            case FilterPredicate.End: return IgnoringCase(member, StringEndsWith, operand);
        }

        // The remaining predicates take a boolean: true applies the test, false negates it.
        var wanted = (bool)operand!;
        Expression test = term.Predicate switch
        {
            FilterPredicate.Null => IsNull(member),
            FilterPredicate.NotNull => Expression.Not(IsNull(member)),
            FilterPredicate.Present => Expression.Not(IsBlank(member)),
            FilterPredicate.Blank => IsBlank(member),
            FilterPredicate.True => Expression.Equal(member, Expression.Constant(true, type)),
            FilterPredicate.False => Expression.Equal(member, Expression.Constant(false, type)),
            _ => throw new InvalidOperationException($"Unhandled predicate {term.Predicate}."),
        };
        return wanted ? test : Expression.Not(test);
    }

    private static Expression IsNull(Expression member) =>
        member.Type.IsValueType && Nullable.GetUnderlyingType(member.Type) is null
            ? Expression.Constant(false)
            : Expression.Equal(member, Expression.Constant(null, member.Type));

    /// <summary>Blank text is null, empty or only whitespace (SQL <c>trim</c>, which removes spaces).</summary>
    private static Expression IsBlank(Expression member) =>
        member.Type == typeof(string)
            ? Expression.OrElse(IsNull(member), Expression.Equal(Expression.Call(member, StringTrim), Expression.Constant(string.Empty)))
            : IsNull(member);

    /// <summary>
    /// <c>cont</c>, <c>start</c> and <c>end</c> ignore case on every database, as Commerce Layer's do: both sides go
    /// through SQL <c>lower()</c>, so the database folds them alike (SQLite folds ASCII letters only).
    /// </summary>
    private static Expression IgnoringCase(Expression member, MethodInfo test, object? operand) =>
        Expression.AndAlso(
            Expression.NotEqual(member, Expression.Constant(null, typeof(string))),
            Expression.Call(Expression.Call(member, StringToLower), test, Expression.Call(Parameter(operand, typeof(string)), StringToLower)));

    private static Expression Compare(FilterPredicate predicate, Expression member, Expression value)
    {
        if (member.Type == typeof(string))
        {
            var compared = Expression.Call(StringCompare, member, value);
            member = compared;
            value = Expression.Constant(0);
        }
        return predicate switch
        {
            FilterPredicate.Lt => Expression.LessThan(member, value),
            FilterPredicate.Lteq => Expression.LessThanOrEqual(member, value),
            FilterPredicate.Gt => Expression.GreaterThan(member, value),
            _ => Expression.GreaterThanOrEqual(member, value),
        };
    }

    /// <summary>A captured value, so EF Core sends it as a SQL parameter.</summary>
    private static MemberExpression Parameter(object? value, Type type)
    {
        var holderType = typeof(Holder<>).MakeGenericType(type);
        var holder = Activator.CreateInstance(holderType, value)!;
        return Expression.Field(Expression.Constant(holder), holderType.GetField(nameof(Holder<object>.Value))!);
    }

    private static object? Operand(FilterTerm term)
    {
        // One rule for every predicate, before any parsing: text is refused with the control characters an attribute is
        // (NUL above all, which PostgreSQL cannot take as text).
        if (Documents.DocumentReader.HasControlCharacters(term.RawValue))
            throw Bad(term, "A filter value cannot contain control characters (only tab, line feed and carriage return are allowed).");
        var type = term.Attribute.ValueType;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var predicate = FilterPredicates.Of(term.Predicate);
        if (!predicate.AppliesToType(type))
        {
            throw Bad(term, predicate.AppliesTo switch
            {
                FilterTarget.Text => $"'{term.Attribute.Name}' is not text: '{predicate.Name}' does not apply.",
                FilterTarget.Boolean => $"'{term.Attribute.Name}' is not a boolean.",
                _ => $"'{term.Attribute.Name}' is a boolean: it cannot be compared with '{predicate.Name}'.",
            });
        }
        return predicate.Operand switch
        {
            FilterOperand.Test => ParseBoolean(term, term.RawValue),
            FilterOperand.List => term.RawValue.Split(',').Select(v => Convert(term, underlying, v)).ToList(),
            _ => Convert(term, underlying, term.RawValue),
        };
    }

    private static object Convert(FilterTerm term, Type type, string raw)
    {
        var culture = CultureInfo.InvariantCulture;
        object? value = type switch
        {
            _ when type == typeof(string) => raw,
            _ when type == typeof(bool) => ParseBoolean(term, raw),
            _ when type == typeof(int) => int.TryParse(raw, NumberStyles.AllowLeadingSign, culture, out var i) ? i : null,
            _ when type == typeof(long) => long.TryParse(raw, NumberStyles.AllowLeadingSign, culture, out var l) ? l : null,
            _ when type == typeof(decimal) => decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, culture, out var m) ? m : null,
            _ when type == typeof(double) => double.TryParse(raw, NumberStyles.Float, culture, out var d) && double.IsFinite(d) ? d : null,
            _ when type == typeof(DateTimeOffset) => DateTimeOffset.TryParse(raw, culture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUniversalTime() : null,
            _ when type == typeof(DateTime) => DateTime.TryParse(raw, culture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null,
            _ => throw Bad(term, $"'{term.Attribute.Name}' cannot be filtered."),
        };
        return value ?? throw Bad(term, $"'{raw}' is not a valid value for '{term.Attribute.Name}'.");
    }

    private static bool ParseBoolean(FilterTerm term, string raw) => raw switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw Bad(term, $"The value of '{term.Parameter}' must be true or false."),
    };

    private static JsonApiException Bad(FilterTerm term, string detail) =>
        JsonApiException.BadQuery(ErrorCodes.InvalidFiltersSyntax, term.Parameter, detail);

    private sealed class Holder<TValue>(TValue value)
    {
        public readonly TValue Value = value;
    }

    internal sealed class ParameterReplacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
