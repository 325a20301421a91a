using Commerce.JsonApi.Queries;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Commerce.JsonApi.Documents;

/// <summary>Absolute links for one request: resources, relationships and pages.</summary>
public sealed class LinkBuilder
{
    private readonly string _apiBase;
    private readonly HttpRequest _request;

    public LinkBuilder(HttpRequest request, string basePath)
    {
        _request = request;
        _apiBase = $"{request.Scheme}://{request.Host}{request.PathBase}{basePath}";
    }

    public string RequestUrl => _request.GetEncodedUrl();
    public string Resource(string type, string id) => $"{_apiBase}/{type}/{Uri.EscapeDataString(id)}";
    public string Singleton(string path) => $"{_apiBase}/{path}";
    public string RelationshipSelf(string type, string id, string relationship) => $"{Resource(type, id)}/relationships/{relationship}";
    public string Related(string type, string id, string relationship) => $"{Resource(type, id)}/{relationship}";

    public string Page(int number, QueryModel query)
    {
        var parameters = _request.Query
            .Where(p => p.Key is not "page[number]" and not "page[size]")
            .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.ToString()))
            .Append(new("page[number]", number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (query.PageSizeGiven)
            parameters = parameters.Append(new("page[size]", query.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var path = $"{_request.Scheme}://{_request.Host}{_request.PathBase}{_request.Path}";
        return QueryHelpers.AddQueryString(path, parameters);
    }
}
