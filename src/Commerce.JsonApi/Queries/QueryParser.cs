using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Resources;
using Microsoft.AspNetCore.Http;

namespace Commerce.JsonApi.Queries;

/// <summary>
/// Parses and validates the JSON:API query string against the resource graph. Everything unknown is a
/// 400 with <c>source.parameter</c>; nothing is silently ignored.
/// </summary>
public sealed class QueryParser(ResourceGraph graph)
{
    /// <param name="resource">The primary resource type of the response.</param>
    /// <param name="isCollection">Whether the response is a list (sort, filter and page apply only to lists).</param>
    public QueryModel Parse(IQueryCollection query, ResourceDefinition resource, bool isCollection)
    {
        var options = graph.Options;
        var include = new IncludeNode(null);
        var fields = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        IReadOnlyList<SortTerm> sort = [];
        var filters = new List<FilterTerm>();
        int? pageNumber = null, pageSize = null;

        foreach (var (key, values) in query)
        {
            if (values.Count > 1)
                throw JsonApiException.BadQuery(ErrorCodes.ParamNotAllowed, key, $"The query parameter '{key}' is given more than once.");
            var value = values.ToString();
            if (key == "include")
            {
                include = ParseInclude(resource, value, options.MaxIncludeDepth);
            }
            else if (key.StartsWith("fields[", StringComparison.Ordinal) && key.EndsWith(']'))
            {
                var type = key[7..^1];
                fields[type] = ParseFieldset(key, type, value);
            }
            else if (key == "sort" && isCollection)
            {
                sort = ParseSort(resource, value);
            }
            else if (key is "page[number]" or "page[size]" && isCollection)
            {
                if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number < 1)
                    throw JsonApiException.BadQuery(ErrorCodes.InvalidPageValue, key, $"'{key}' must be a whole number from 1.");
                if (key == "page[size]" && number > options.MaxPageSize)
                    throw JsonApiException.BadQuery(ErrorCodes.InvalidPageValue, key, $"'page[size]' is at most {options.MaxPageSize}.");
                if (key == "page[number]") pageNumber = number; else pageSize = number;
            }
            else if (key.StartsWith("filter[q][", StringComparison.Ordinal) && key.EndsWith(']') && isCollection)
            {
                filters.Add(ParseFilter(resource, key, key[10..^1], value));
            }
            else if (key.StartsWith("filter", StringComparison.Ordinal) && isCollection)
            {
                throw JsonApiException.BadQuery(ErrorCodes.InvalidFiltersSyntax, key, "Filters are written 'filter[q][attribute_predicate]=value'.");
            }
            else
            {
                throw JsonApiException.BadQuery(ErrorCodes.ParamNotAllowed, key,
                    isCollection || !(key is "sort" || key.StartsWith("page[", StringComparison.Ordinal) || key.StartsWith("filter", StringComparison.Ordinal))
                        ? $"The query parameter '{key}' is not supported."
                        : $"The query parameter '{key}' applies only to lists.");
            }
        }

        return new QueryModel
        {
            Include = include,
            Fields = fields,
            Sort = sort,
            Filters = filters,
            PageNumber = pageNumber ?? 1,
            PageSize = pageSize ?? options.DefaultPageSize,
            PageSizeGiven = pageSize is not null,
        };
    }

    private IncludeNode ParseInclude(ResourceDefinition resource, string value, int maxDepth)
    {
        var root = new IncludeNode(null);
        foreach (var path in value.Split(','))
        {
            if (path.Length == 0)
                throw JsonApiException.BadQuery(ErrorCodes.InvalidInclude, "include", "An include path is empty.");
            var segments = path.Split('.');
            if (segments.Length > maxDepth)
                throw JsonApiException.BadQuery(ErrorCodes.InvalidInclude, "include", $"The include path '{path}' is deeper than {maxDepth} relationships.");
            var node = root;
            IReadOnlyList<ResourceDefinition> current = [resource];
            foreach (var segment in segments)
            {
                var relationship = current.Select(r => r.FindRelationship(segment)).FirstOrDefault(r => r is not null)
                    ?? throw JsonApiException.BadQuery(ErrorCodes.InvalidInclude, "include",
                        $"'{segment}' in '{path}' is not a relationship of {string.Join(" or ", current.Select(r => r.PublicName))}.");
                if (node.Relationship is { IsNavigation: false })
                    throw JsonApiException.BadQuery(ErrorCodes.InvalidInclude, "include", $"'{node.Relationship.Name}' can only be the last relationship of an include path.");
                if (!node.Children.TryGetValue(segment, out var child))
                    node.Children[segment] = child = new IncludeNode(relationship);
                node = child;
                current = [.. relationship.TargetTypes.Select(graph.Get)];
            }
        }
        return root;
    }

    private HashSet<string> ParseFieldset(string key, string type, string value)
    {
        var resource = graph.Find(type)
            ?? throw JsonApiException.BadQuery(ErrorCodes.InvalidField, key, $"'{type}' is not a resource type.");
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            // "id" is not a field in JSON:API's sense, but clients (Commerce Layer's among them) name it: it is always written.
            if (name == "id")
                continue;
            var known = resource.FindAttribute(name) is { } a ? a.Allows(Can.Read) : resource.FindRelationship(name) is not null;
            if (!known)
                throw JsonApiException.BadQuery(ErrorCodes.InvalidField, key, $"'{name}' is not a readable field of {type}.");
            set.Add(name);
        }
        return set;
    }

    private static List<SortTerm> ParseSort(ResourceDefinition resource, string value)
    {
        var terms = new List<SortTerm>();
        foreach (var raw in value.Split(','))
        {
            var descending = raw.StartsWith('-');
            var name = descending ? raw[1..] : raw;
            var attribute = resource.FindAttribute(name);
            if (attribute is null || !attribute.Allows(Can.Sort) || attribute.Expression is null)
                throw JsonApiException.BadQuery(ErrorCodes.InvalidSortCriteria, "sort", $"'{name}' is not a sortable attribute of {resource.PublicName}.");
            if (terms.Any(t => t.Attribute == attribute))
                throw JsonApiException.BadQuery(ErrorCodes.InvalidSortCriteria, "sort", $"'{name}' appears more than once in sort.");
            terms.Add(new SortTerm(attribute, descending));
        }
        return terms;
    }

    private static FilterTerm ParseFilter(ResourceDefinition resource, string key, string expression, string value)
    {
        foreach (var predicate in FilterPredicates.LongestSuffixFirst)
        {
            var suffix = predicate.Suffix;
            if (!expression.EndsWith(suffix, StringComparison.Ordinal) || expression.Length == suffix.Length)
                continue;
            var name = expression[..^suffix.Length];
            var attribute = resource.FindAttribute(name);
            if (attribute is null)
                continue;
            if (!attribute.Allows(Can.Filter) || attribute.Expression is null)
                throw JsonApiException.BadQuery(ErrorCodes.FilterNotAllowed, key, $"Filtering on '{name}' is not allowed.");
            var term = new FilterTerm(attribute, predicate.Predicate, value, key);
            FilterBuilder.Validate(term);
            return term;
        }
        throw JsonApiException.BadQuery(ErrorCodes.InvalidFiltersSyntax, key,
            $"'{expression}' is not a filterable attribute of {resource.PublicName} followed by a predicate ({string.Join(", ", FilterPredicates.All.Select(p => p.Name))}).");
    }
}
