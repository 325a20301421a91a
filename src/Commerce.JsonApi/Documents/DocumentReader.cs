using System.Text.Json;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Resources;
using Commerce.JsonApi.Serialization;

namespace Commerce.JsonApi.Documents;

/// <summary>
/// Reads a JSON:API request document into a <see cref="ResourceInput"/> for one resource type and
/// operation. Structural problems are 400; a type or id that contradicts the URL is 409; fields that are
/// unknown, not writable or of the wrong type are 422 — all of them reported at once, each with its pointer.
/// </summary>
public sealed class DocumentReader(ResourceGraph graph)
{
    public JsonDocumentOptions DocumentOptions => new()
    {
        MaxDepth = graph.Options.MaxRequestDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    public async Task<JsonDocument> ParseAsync(Stream body, CancellationToken cancellationToken)
    {
        // JsonDocument checks the UTF-8 of strings only when they are read, where it throws InvalidOperationException
        // (a 500): the whole body is checked up front instead. JsonDocument.ParseAsync buffers the body all the same.
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken);
        ReadOnlyMemory<byte> utf8 = buffer.ToArray();
        if (utf8.Span.StartsWith("\uFEFF"u8))
            utf8 = utf8[3..];
        if (!System.Text.Unicode.Utf8.IsValid(utf8.Span))
            throw JsonApiException.BadDocument("", "The request body is not valid UTF-8.");
        if (MayHoldASurrogateEscape(utf8.Span))
        {
            // First without the duplicate-member check: it reads member names as strings, and throws on a lone surrogate.
            using var lenient = Parse(utf8, DocumentOptions with { AllowDuplicateProperties = true });
            if (FindLoneSurrogate(lenient.RootElement, "") is { } pointer)
                throw JsonApiException.BadDocument(pointer,
                    "A string holds a lone surrogate escape (\\uD800 to \\uDFFF without its pair): it is not text. Send the character itself, or both halves of its pair.");
        }
        return Parse(utf8, DocumentOptions);
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> utf8, JsonDocumentOptions options)
    {
        try
        {
            return JsonDocument.Parse(utf8, options);
        }
        catch (JsonException exception)
        {
            throw JsonApiException.BadDocument("", $"The request body is not valid JSON{Where(exception)}.");
        }
    }

    /// <summary>
    /// Whether the body holds a <c>\uD800</c>–<c>\uDFFF</c> escape at all (a fast check on the bytes; an escaped backslash
    /// before "ud800" also matches, and the walk then finds nothing). Valid UTF-8 cannot hold a surrogate otherwise.
    /// </summary>
    private static bool MayHoldASurrogateEscape(ReadOnlySpan<byte> utf8)
    {
        for (var at = utf8.IndexOf("\\u"u8); at >= 0 && at + 3 < utf8.Length; )
        {
            if (utf8[at + 2] is (byte)'d' or (byte)'D' && utf8[at + 3] is (>= (byte)'8' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F'))
                return true;
            var next = utf8[(at + 2)..].IndexOf("\\u"u8);
            at = next < 0 ? -1 : at + 2 + next;
        }
        return false;
    }

    /// <summary>
    /// The pointer of the first string or member name that is not text (a lone surrogate: System.Text.Json refuses to read it
    /// as a string, which anywhere later would be a 500). A member name that is not text is reported at its object.
    /// </summary>
    private static string? FindLoneSurrogate(JsonElement element, string pointer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsText(element) ? null : pointer;
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = member.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return pointer;
                    }
                    if (FindLoneSurrogate(member.Value, $"{pointer}/{Escape(name)}") is { } found)
                        return found;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindLoneSurrogate(item, $"{pointer}/{index++}") is { } found)
                        return found;
                }
                return null;
            default:
                return null;
        }
    }

    private static bool IsText(JsonElement text)
    {
        try
        {
            _ = text.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public ResourceInput Read(JsonElement root, ResourceDefinition resource, WriteOperation operation, string? urlId)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw JsonApiException.BadDocument("", "The request body must be a JSON:API document (an object).");
        foreach (var member in root.EnumerateObject())
        {
            if (member.Name is not ("data" or "meta" or "jsonapi" or "links"))
                throw JsonApiException.BadDocument($"/{Escape(member.Name)}", $"'{member.Name}' is not allowed at the top level of a request document.");
        }
        if (!root.TryGetProperty("data", out var data))
            throw JsonApiException.BadDocument("", "The request document must have 'data'.");
        if (data.ValueKind != JsonValueKind.Object)
            throw JsonApiException.BadDocument("/data", "'data' must be a single resource object.");

        var id = ReadTypeAndId(data, resource, operation, urlId);
        var errors = new List<ErrorObject>();
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        var triggers = new Dictionary<string, object?>(StringComparer.Ordinal);
        var relationships = new Dictionary<string, RelationshipInput>(StringComparer.Ordinal);

        foreach (var member in data.EnumerateObject())
        {
            switch (member.Name)
            {
                case "type" or "id" or "links" or "meta":
                    break;
                case "attributes":
                    ReadAttributes(member.Value, resource, operation, attributes, triggers, errors);
                    break;
                case "relationships":
                    ReadRelationships(member.Value, resource, operation, relationships, errors);
                    break;
                default:
                    throw JsonApiException.BadDocument($"/data/{Escape(member.Name)}", $"'{member.Name}' is not a member of a resource object.");
            }
        }
        if (errors.Count > 0)
            throw new JsonApiException(errors);

        return new ResourceInput
        {
            Resource = resource,
            Operation = operation,
            Id = id,
            Attributes = attributes,
            Relationships = relationships,
            Triggers = triggers,
        };
    }

    private static string? ReadTypeAndId(JsonElement data, ResourceDefinition resource, WriteOperation operation, string? urlId)
    {
        if (!data.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            throw JsonApiException.BadDocument("/data/type", "A resource object must have a string 'type'.");
        if (type.GetString() != resource.PublicName)
            throw new JsonApiException(new ErrorObject(409, ErrorCodes.TypeMismatch, "Type mismatch",
                $"The type '{type.GetString()}' does not match the endpoint's type '{resource.PublicName}'.", ErrorSource.AtPointer("/data/type")));

        var hasId = data.TryGetProperty("id", out var idElement);
        if (hasId && idElement.ValueKind != JsonValueKind.String)
            throw JsonApiException.BadDocument("/data/id", "'id' must be a string.");
        if (data.TryGetProperty("lid", out _))
            throw JsonApiException.BadDocument("/data/lid", "Local ids ('lid') are not supported.");

        if (operation == WriteOperation.Create)
        {
            if (hasId)
                throw JsonApiException.Forbidden("Client-generated ids are not supported: the service creates ids.", "/data/id");
            return null;
        }
        if (!hasId)
            throw JsonApiException.BadDocument("/data", "An update must carry the resource's 'id'.");
        var id = idElement.GetString();
        if (id != urlId)
            throw new JsonApiException(new ErrorObject(409, ErrorCodes.KeyNotIncludedInUrl, "Id mismatch",
                $"The id '{id}' does not match the id in the URL.", ErrorSource.AtPointer("/data/id")));
        return id;
    }

    private static void ReadAttributes(JsonElement element, ResourceDefinition resource, WriteOperation operation,
        Dictionary<string, object?> attributes, Dictionary<string, object?> triggers, List<ErrorObject> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw JsonApiException.BadDocument("/data/attributes", "'attributes' must be an object.");
        foreach (var member in element.EnumerateObject())
        {
            var pointer = $"/data/attributes/{Escape(member.Name)}";
            if (member.Name is "id" or "type")
                throw JsonApiException.BadDocument(pointer, $"'{member.Name}' cannot be an attribute.");

            if (member.Name.StartsWith('_'))
            {
                var trigger = resource.FindTrigger(member.Name)
                    ?? throw new JsonApiException(new ErrorObject(400, ErrorCodes.InvalidField, "Invalid field",
                        $"'{member.Name}' is not a trigger of {resource.PublicName}.", ErrorSource.AtPointer(pointer)));
                if (operation == WriteOperation.Create && !trigger.OnCreate)
                {
                    errors.Add(Unprocessable(ErrorCodes.InvalidField, pointer, $"'{member.Name}' can only be sent when updating {resource.PublicName}."));
                    continue;
                }
                if (TryConvert(member.Value, trigger.ValueType, nullable: false, out var triggerValue))
                    triggers[member.Name] = triggerValue;
                else
                    errors.Add(Unprocessable(ErrorCodes.ValidationError, pointer, $"'{member.Name}' must be {Describe(trigger.ValueType)}."));
                continue;
            }

            var attribute = resource.FindAttribute(member.Name);
            if (attribute is null)
            {
                errors.Add(Unprocessable(ErrorCodes.InvalidField, pointer, $"'{member.Name}' is not an attribute of {resource.PublicName}."));
                continue;
            }
            var needed = operation == WriteOperation.Create ? Can.Create : Can.Change;
            if (!attribute.Allows(needed))
            {
                errors.Add(Unprocessable(ErrorCodes.InvalidField, pointer,
                    operation == WriteOperation.Create ? $"'{member.Name}' cannot be set." : $"'{member.Name}' cannot be changed."));
                continue;
            }
            if (TryConvert(member.Value, attribute.ValueType, attribute.IsNullable, out var value))
            {
                if (HasControlCharacters(value))
                    errors.Add(Unprocessable(ErrorCodes.ValidationError, pointer, $"'{member.Name}' contains control characters (only tab, line feed and carriage return are allowed)."));
                else
                    attributes[member.Name] = value;
            }
            else
                errors.Add(Unprocessable(ErrorCodes.ValidationError, pointer, $"'{member.Name}' must be {Describe(attribute.ValueType)}."));
        }
    }

    private static void ReadRelationships(JsonElement element, ResourceDefinition resource, WriteOperation operation,
        Dictionary<string, RelationshipInput> relationships, List<ErrorObject> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw JsonApiException.BadDocument("/data/relationships", "'relationships' must be an object.");
        foreach (var member in element.EnumerateObject())
        {
            var pointer = $"/data/relationships/{Escape(member.Name)}";
            var relationship = resource.FindRelationship(member.Name);
            if (relationship is null)
            {
                errors.Add(Unprocessable(ErrorCodes.InvalidField, pointer, $"'{member.Name}' is not a relationship of {resource.PublicName}."));
                continue;
            }
            if (!relationship.Allows(operation == WriteOperation.Create ? Can.Create : Can.Change))
            {
                errors.Add(Unprocessable(ErrorCodes.InvalidField, pointer,
                    operation == WriteOperation.Create ? $"'{member.Name}' cannot be set." : $"'{member.Name}' cannot be changed."));
                continue;
            }
            if (member.Value.ValueKind != JsonValueKind.Object || !member.Value.TryGetProperty("data", out var data))
                throw JsonApiException.BadDocument(pointer, $"The relationship '{member.Name}' must be an object with 'data'.");

            var identifiers = new List<ResourceIdentifier>();
            if (relationship.Kind == RelationshipKind.ToOne)
            {
                if (data.ValueKind == JsonValueKind.Array)
                    throw JsonApiException.BadDocument($"{pointer}/data", $"'{member.Name}' is a to-one relationship: 'data' is an object or null.");
                if (data.ValueKind != JsonValueKind.Null)
                    identifiers.Add(ReadIdentifier(data, relationship, $"{pointer}/data"));
            }
            else
            {
                if (data.ValueKind != JsonValueKind.Array)
                    throw JsonApiException.BadDocument($"{pointer}/data", $"'{member.Name}' is a to-many relationship: 'data' is an array.");
                var index = 0;
                foreach (var item in data.EnumerateArray())
                    identifiers.Add(ReadIdentifier(item, relationship, $"{pointer}/data/{index++}"));
            }
            relationships[member.Name] = new RelationshipInput(relationship, identifiers);
        }
    }

    private static ResourceIdentifier ReadIdentifier(JsonElement element, RelationshipDefinition relationship, string pointer)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || !element.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString()!.Length == 0)
            throw JsonApiException.BadDocument(pointer, "A resource identifier needs a string 'type' and a non-empty string 'id'.");
        if (HasControlCharacters(id.GetString()))
            throw JsonApiException.BadDocument($"{pointer}/id", "An id cannot contain control characters.");
        if (!relationship.TargetTypes.Contains(type.GetString()!))
            throw new JsonApiException(new ErrorObject(409, ErrorCodes.TypeMismatch, "Type mismatch",
                $"'{relationship.Name}' takes {string.Join(" or ", relationship.TargetTypes)}, not '{type.GetString()}'.", ErrorSource.AtPointer($"{pointer}/type")));
        return new ResourceIdentifier(type.GetString()!, id.GetString()!);
    }

    /// <summary>
    /// Text with C0 control characters other than tab, line feed and carriage return (NUL above all: PostgreSQL cannot
    /// store it) is refused, in strings and in the strings of dictionaries and lists.
    /// </summary>
    internal static bool HasControlCharacters(object? value) => value switch
    {
        string text => HasControlCharacters(text),
        IEnumerable<KeyValuePair<string, string>> pairs => pairs.Any(p => HasControlCharacters(p.Key) || HasControlCharacters(p.Value)),
        IEnumerable<string> texts => texts.Any(HasControlCharacters),
        _ => false,
    };

    internal static bool HasControlCharacters(string? text) =>
        text is not null && text.AsSpan().ContainsAnyInRange('\u0000', '\u001f') && text.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r'));

    private static bool TryConvert(JsonElement value, Type type, bool nullable, out object? result)
    {
        result = null;
        if (value.ValueKind == JsonValueKind.Null)
            return nullable;
        try
        {
            result = value.Deserialize(type, JsonApiSerializer.Options);
            return result is not null || nullable;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Describe(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t switch
        {
            _ when t == typeof(string) => "a string",
            _ when t == typeof(bool) => "true or false",
            _ when t == typeof(int) || t == typeof(long) => "a whole number",
            _ when t == typeof(decimal) || t == typeof(double) => "a number",
            _ when t == typeof(DateTimeOffset) || t == typeof(DateTime) => "an ISO 8601 timestamp",
            _ when t.IsAssignableTo(typeof(System.Collections.IDictionary)) => "an object",
            _ when t.IsAssignableTo(typeof(System.Collections.IEnumerable)) => "an array",
            _ => "a value of the right type",
        };
    }

    private static ErrorObject Unprocessable(string code, string pointer, string detail) =>
        new(422, code, "Unprocessable entity", detail, ErrorSource.AtPointer(pointer));

    private static string Where(JsonException exception) =>
        exception.LineNumber is { } line ? $" (line {line + 1}, position {exception.BytePositionInLine + 1})" : "";

    /// <summary>RFC 6901 escaping of one reference token.</summary>
    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
