using System.Text.Json;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Queries;
using Commerce.JsonApi.Resources;
using Commerce.JsonApi.Serialization;

namespace Commerce.JsonApi.Documents;

/// <summary>The page a list response shows, for <c>meta</c> and pagination links.</summary>
public sealed record PageInfo(int RecordCount, int PageNumber, int PageSize)
{
    public int PageCount => RecordCount == 0 ? 0 : (RecordCount + PageSize - 1) / PageSize;
}

/// <summary>Writes JSON:API response documents: resources, compound documents, linkage and errors.</summary>
public sealed class DocumentWriter(ResourceGraph graph)
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        SkipValidation = false,
        // The body is served as application/vnd.api+json, never embedded in HTML: no need to escape quotes or '+'.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Renders a document into memory and sends it asynchronously (the serializer flushes synchronously,
    /// which Kestrel forbids on the response stream); the response gets a Content-Length.
    /// </summary>
    public static async Task SendAsync(Microsoft.AspNetCore.Http.HttpResponse response, int status, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        await using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            write(writer);
        response.StatusCode = status;
        response.ContentType = Http.MediaTypes.JsonApi;
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken);
    }

    public void WriteSingle(Utf8JsonWriter writer, object? primary, IncludedResources included, QueryModel query, LinkBuilder links)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("data");
        if (primary is null)
            writer.WriteNullValue();
        else
            WriteResource(writer, primary, included, query, links);
        WriteIncluded(writer, included, query, links);
        WriteTopLinks(writer, links, null, query);
        WriteJsonApi(writer);
        writer.WriteEndObject();
    }

    public void WriteCollection(Utf8JsonWriter writer, IReadOnlyList<object> primary, IncludedResources included, QueryModel query, LinkBuilder links, PageInfo page)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("data");
        foreach (var resource in primary)
            WriteResource(writer, resource, included, query, links);
        writer.WriteEndArray();
        WriteIncluded(writer, included, query, links);
        WriteTopLinks(writer, links, page, query);
        writer.WriteStartObject("meta");
        writer.WriteNumber("record_count", page.RecordCount);
        writer.WriteNumber("page_count", page.PageCount);
        writer.WriteEndObject();
        WriteJsonApi(writer);
        writer.WriteEndObject();
    }

    /// <summary>A relationship endpoint's document: resource identifiers only.</summary>
    public void WriteLinkage(Utf8JsonWriter writer, RelationshipDefinition relationship, IReadOnlyList<object> related, string ownerType, string ownerId,
        LinkBuilder links, PageInfo? page, QueryModel query)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("data");
        WriteIdentifiers(writer, relationship, related);
        writer.WriteStartObject("links");
        writer.WriteString("self", links.RelationshipSelf(ownerType, ownerId, relationship.Name));
        writer.WriteString("related", links.Related(ownerType, ownerId, relationship.Name));
        if (page is not null)
            WritePageLinks(writer, links, page, query);
        writer.WriteEndObject();
        if (page is not null)
        {
            writer.WriteStartObject("meta");
            writer.WriteNumber("record_count", page.RecordCount);
            writer.WriteNumber("page_count", page.PageCount);
            writer.WriteEndObject();
        }
        WriteJsonApi(writer);
        writer.WriteEndObject();
    }

    public static void WriteErrors(Utf8JsonWriter writer, IEnumerable<ErrorObject> errors)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("errors");
        foreach (var error in errors)
        {
            writer.WriteStartObject();
            writer.WriteString("status", error.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("code", error.Code);
            writer.WriteString("title", error.Title);
            writer.WriteString("detail", error.Detail);
            if (error.Source is { } source)
            {
                writer.WriteStartObject("source");
                if (source.Pointer is not null) writer.WriteString("pointer", source.Pointer);
                if (source.Parameter is not null) writer.WriteString("parameter", source.Parameter);
                if (source.Header is not null) writer.WriteString("header", source.Header);
                writer.WriteEndObject();
            }
            if (error.Meta is { Count: > 0 } meta)
            {
                writer.WritePropertyName("meta");
                JsonSerializer.Serialize(writer, meta, JsonApiSerializer.Options);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        WriteJsonApi(writer);
        writer.WriteEndObject();
    }

    private void WriteResource(Utf8JsonWriter writer, object resource, IncludedResources included, QueryModel query, LinkBuilder links)
    {
        var definition = graph.ForObject(resource);
        var type = definition.PublicName;
        var id = definition.GetId(resource);
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("type", type);
        writer.WriteStartObject("links");
        writer.WriteString("self", definition.SingletonPath is { } singleton ? links.Singleton(singleton) : links.Resource(type, id));
        writer.WriteEndObject();

        writer.WriteStartObject("attributes");
        foreach (var attribute in definition.Attributes)
        {
            if (!attribute.Allows(Can.Read) || !query.ShowsField(type, attribute.Name))
                continue;
            writer.WritePropertyName(attribute.Name);
            JsonSerializer.Serialize(writer, attribute.GetValue(resource), attribute.ValueType, JsonApiSerializer.Options);
        }
        writer.WriteEndObject();

        var relationships = definition.Relationships.Where(r => query.ShowsField(type, r.Name)).ToList();
        if (relationships.Count > 0)
        {
            writer.WriteStartObject("relationships");
            foreach (var relationship in relationships)
            {
                writer.WriteStartObject(relationship.Name);
                writer.WriteStartObject("links");
                writer.WriteString("self", links.RelationshipSelf(type, id, relationship.Name));
                writer.WriteString("related", links.Related(type, id, relationship.Name));
                writer.WriteEndObject();
                if (included.TryGetLinkage(resource, relationship.Name, out var related))
                {
                    writer.WritePropertyName("data");
                    WriteIdentifiers(writer, relationship, related);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private void WriteIdentifiers(Utf8JsonWriter writer, RelationshipDefinition relationship, IReadOnlyList<object> related)
    {
        if (relationship.Kind == RelationshipKind.ToOne)
        {
            if (related.Count == 0)
                writer.WriteNullValue();
            else
                WriteIdentifier(writer, related[0]);
            return;
        }
        writer.WriteStartArray();
        foreach (var item in related)
            WriteIdentifier(writer, item);
        writer.WriteEndArray();
    }

    private void WriteIdentifier(Utf8JsonWriter writer, object resource)
    {
        var definition = graph.ForObject(resource);
        writer.WriteStartObject();
        writer.WriteString("type", definition.PublicName);
        writer.WriteString("id", definition.GetId(resource));
        writer.WriteEndObject();
    }

    private void WriteIncluded(Utf8JsonWriter writer, IncludedResources included, QueryModel query, LinkBuilder links)
    {
        if (query.Include.IsEmpty)
            return;
        writer.WriteStartArray("included");
        foreach (var resource in included.Included)
            WriteResource(writer, resource, included, query, links);
        writer.WriteEndArray();
    }

    private static void WriteTopLinks(Utf8JsonWriter writer, LinkBuilder links, PageInfo? page, QueryModel query)
    {
        writer.WriteStartObject("links");
        writer.WriteString("self", links.RequestUrl);
        if (page is not null)
            WritePageLinks(writer, links, page, query);
        writer.WriteEndObject();
    }

    private static void WritePageLinks(Utf8JsonWriter writer, LinkBuilder links, PageInfo page, QueryModel query)
    {
        var last = Math.Max(page.PageCount, 1);
        writer.WriteString("first", links.Page(1, query));
        if (page.PageNumber > 1)
            writer.WriteString("prev", links.Page(Math.Min(page.PageNumber - 1, last), query));
        if (page.PageNumber < page.PageCount)
            writer.WriteString("next", links.Page(page.PageNumber + 1, query));
        writer.WriteString("last", links.Page(last, query));
    }

    private static void WriteJsonApi(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("jsonapi");
        writer.WriteString("version", "1.1");
        writer.WriteEndObject();
    }
}
