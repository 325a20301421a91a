using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using Microsoft.AspNetCore.Http;

namespace Commerce.UnitTests.JsonApi;

public sealed class MediaTypesTests
{
    private static HttpRequest WithContentType(string? contentType)
    {
        var request = new DefaultHttpContext().Request;
        request.ContentType = contentType;
        return request;
    }

    private static HttpRequest WithAccept(params string[] accept)
    {
        var request = new DefaultHttpContext().Request;
        if (accept.Length > 0)
            request.Headers.Accept = accept;
        return request;
    }

    [TestCase("application/vnd.api+json")]
    [TestCase("APPLICATION/VND.API+JSON")]
    [TestCase("application/vnd.api+json; profile=\"https://example.com/resource-timestamps\"")]
    [TestCase("application/vnd.api+json;profile=\"https://example.com/a https://example.com/b\"")]
    public void Accepts_the_json_api_content_type_with_at_most_a_profile(string contentType) =>
        Assert.DoesNotThrow(() => MediaTypes.CheckContentType(WithContentType(contentType)));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("application/json")]
    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("application/vnd.api")]
    [TestCase("not a media type")]
    [TestCase("application/vnd.api+json; charset=utf-8")]
    [TestCase("application/vnd.api+json; ext=\"https://jsonapi.org/ext/atomic\"")]
    [TestCase("application/vnd.api+json; profile=\"https://example.com/p\"; ext=\"https://jsonapi.org/ext/atomic\"")]
    [TestCase("application/vnd.api+json; version=1.1")]
    public void Rejects_any_other_content_type_with_415(string? contentType)
    {
        var error = JsonApiAssert.Single(() => MediaTypes.CheckContentType(WithContentType(contentType)), 415, ErrorCodes.UnsupportedMediaType);
        Assert.That(error.Source?.Header, Is.EqualTo("Content-Type"));
    }

    [TestCase]
    [TestCase("application/vnd.api+json")]
    [TestCase("*/*")]
    [TestCase("application/*")]
    [TestCase("application/json")]
    [TestCase("application/vnd.api+json; profile=\"https://example.com/resource-timestamps\"")]
    [TestCase("application/vnd.api+json; q=0.9")]
    [TestCase("text/html, application/vnd.api+json")]
    [TestCase("text/html", "application/vnd.api+json")]
    [TestCase("application/vnd.api+json; ext=\"https://jsonapi.org/ext/atomic\", application/vnd.api+json")]
    [TestCase("text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8")]
    public void Accepts_an_accept_header_that_allows_json_api(params string[] accept) =>
        Assert.DoesNotThrow(() => MediaTypes.CheckAccept(WithAccept(accept)));

    [TestCase("application/vnd.api+json; ext=\"https://jsonapi.org/ext/atomic\"")]
    [TestCase("application/vnd.api+json; charset=utf-8")]
    [TestCase("application/vnd.api+json; version=1")]
    [TestCase("text/html")]
    [TestCase("text/html, application/xhtml+xml")]
    [TestCase("application/xml", "text/plain")]
    [TestCase("application/vnd.api+json; charset=utf-8, application/vnd.api+json; ext=\"https://jsonapi.org/ext/atomic\"")]
    public void Rejects_an_accept_header_that_allows_no_json_api_response_with_406(params string[] accept)
    {
        var error = JsonApiAssert.Single(() => MediaTypes.CheckAccept(WithAccept(accept)), 406, ErrorCodes.NotAcceptable);
        Assert.That(error.Source?.Header, Is.EqualTo("Accept"));
    }

    // JSON:API 1.1: when the Accept header names the JSON:API media type and every instance of it carries a
    // parameter other than ext or profile (or an unsupported ext), the server MUST answer 406 — a wildcard
    // next to it does not make the request acceptable.
    [TestCase("application/vnd.api+json; charset=utf-8, */*")]
    [TestCase("application/vnd.api+json; ext=\"https://jsonapi.org/ext/atomic\", application/*")]
    [TestCase("application/vnd.api+json; version=1", "application/json")]
    public void Rejects_with_406_when_every_json_api_instance_is_modified_even_beside_a_wildcard(params string[] accept) =>
        JsonApiAssert.Single(() => MediaTypes.CheckAccept(WithAccept(accept)), 406, ErrorCodes.NotAcceptable);

    // RFC 9110 §12.4.2: a quality value of 0 means "not acceptable".
    [TestCase("application/vnd.api+json; q=0")]
    [TestCase("application/vnd.api+json; q=0.0, text/html")]
    [TestCase("text/html, */*; q=0")]
    [TestCase("application/vnd.api+json; q=0, */*")]
    [TestCase("application/json; q=0")]
    public void Rejects_with_406_what_the_client_marks_not_acceptable(params string[] accept) =>
        JsonApiAssert.Single(() => MediaTypes.CheckAccept(WithAccept(accept)), 406, ErrorCodes.NotAcceptable);

    [TestCase("application/vnd.api+json; q=0, application/vnd.api+json; q=0.5")]
    [TestCase("application/vnd.api+json; q=0.001")]
    public void Accepts_json_api_with_a_positive_quality(params string[] accept) =>
        Assert.DoesNotThrow(() => MediaTypes.CheckAccept(WithAccept(accept)));
}
