using System.Linq.Expressions;
using Commerce.JsonApi.Resources;

namespace Commerce.JsonApi.Queries;

/// <summary>Applies filters, sorting and paging to an <see cref="IQueryable{T}"/>: all of it runs in the database.</summary>
public static class QueryApplier
{
    public static IQueryable<T> Filter<T>(IQueryable<T> source, QueryModel query)
    {
        foreach (var filter in query.Filters)
            source = source.Where(FilterBuilder.Build<T>(filter));
        return source;
    }

    public static IQueryable<T> Sort<T>(IQueryable<T> source, QueryModel query, ResourceDefinition resource)
    {
        var keys = query.Sort.Count > 0
            ? query.Sort.Select(s => (s.Attribute.Expression!, s.Descending)).ToList()
            : [.. resource.DefaultSort];
        keys.Add((resource.IdExpression, false));
        var expression = source.Expression;
        for (var i = 0; i < keys.Count; i++)
        {
            var (key, descending) = keys[i];
            var method = (i == 0, descending) switch
            {
                (true, false) => nameof(Queryable.OrderBy),
                (true, true) => nameof(Queryable.OrderByDescending),
                (false, false) => nameof(Queryable.ThenBy),
                (false, true) => nameof(Queryable.ThenByDescending),
            };
            expression = Expression.Call(typeof(Queryable), method, [typeof(T), key.ReturnType], expression, Expression.Quote(key));
        }
        return source.Provider.CreateQuery<T>(expression);
    }

    public static IQueryable<T> Page<T>(IQueryable<T> source, QueryModel query)
    {
        // In long: a large page[number] times page[size] overflows int, and a negative offset is the first page (or a SQL error).
        var skip = (long)(query.PageNumber - 1) * query.PageSize;
        return skip > int.MaxValue ? source.Take(0) : source.Skip((int)skip).Take(query.PageSize);
    }

    public static Expression<Func<T, bool>> IdEquals<T>(ResourceDefinition resource, string id) =>
        PropertyEquals<T>(resource.IdExpression, id);

    /// <summary><c>x => ids.Contains(id(x))</c> with the ids as a parameter.</summary>
    public static Expression<Func<T, bool>> IdIn<T>(ResourceDefinition resource, IReadOnlyCollection<string> ids)
    {
        var key = resource.IdExpression;
        var parameter = Expression.Parameter(typeof(T), "x");
        var body = new FilterBuilder.ParameterReplacer(key.Parameters[0], parameter).Visit(key.Body);
        var list = ids.ToList();
        Expression<Func<List<string>>> captured = () => list;
        var contains = Expression.Call(captured.Body, typeof(List<string>).GetMethod(nameof(List<string>.Contains))!, Expression.Convert(body, typeof(string)));
        return Expression.Lambda<Func<T, bool>>(contains, parameter);
    }

    /// <summary><c>x => key(x) == value</c> with the value as a parameter.</summary>
    public static Expression<Func<T, bool>> PropertyEquals<T>(LambdaExpression key, string value)
    {
        var parameter = Expression.Parameter(typeof(T), "x");
        var body = new FilterBuilder.ParameterReplacer(key.Parameters[0], parameter).Visit(key.Body);
        Expression<Func<string>> captured = () => value;
        return Expression.Lambda<Func<T, bool>>(Expression.Equal(body, Expression.Convert(captured.Body, body.Type)), parameter);
    }
}
