using System.Globalization;
using System.Text.Json.Nodes;

namespace Commerce.IntegrationTests.OpenApi;

/// <summary>
/// Checks a JSON value against a schema of an OpenAPI 3.0 document as the 3.0.3 specification reads it: <c>nullable</c>
/// admits null only beside a <c>type</c>, and every other keyword (a <c>$ref</c>, <c>allOf</c>…) keeps its own say on null.
/// The keywords the service's document uses: $ref, type, nullable, enum, properties, required, additionalProperties, items,
/// allOf, anyOf, oneOf (formats are not checked).
/// </summary>
public sealed class OpenApi30Validator(JsonNode document)
{
    public List<string> Validate(JsonNode schema, JsonNode? value, string path = "")
    {
        var errors = new List<string>();
        Check(schema, value, path, errors);
        return errors;
    }

    /// <summary>The schema of the first success response of an operation, e.g. ("/api/orders/{id}", "get").</summary>
    public JsonNode ResponseSchema(string path, string method) =>
        document["paths"]![path]![method]!["responses"]!.AsObject().First(r => r.Key.StartsWith('2')).Value!
            ["content"]!["application/vnd.api+json"]!["schema"]!;

    private void Check(JsonNode schema, JsonNode? value, string path, List<string> errors)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            Check(Resolve(reference), value, path, errors);
            return;
        }
        if (schema["type"]?.GetValue<string>() is { } type && !HasType(value, type, schema["nullable"]?.GetValue<bool>() == true))
        {
            errors.Add($"{path}: {Describe(value)} is not {type}{(schema["nullable"]?.GetValue<bool>() == true ? " or null" : "")}");
            return;
        }
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
            errors.Add($"{path}: {Describe(value)} is not one of {allowed.ToJsonString()}");
        if (value is JsonObject obj)
        {
            var properties = schema["properties"]?.AsObject();
            foreach (var required in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
                if (!obj.ContainsKey(required))
                    errors.Add($"{path}: '{required}' is required");
            foreach (var (name, member) in obj)
            {
                if (properties?[name] is { } property)
                    Check(property, member, $"{path}/{name}", errors);
                else if (schema["additionalProperties"] is JsonValue closed && !closed.GetValue<bool>())
                    errors.Add($"{path}: '{name}' is not allowed");
                else if (schema["additionalProperties"] is JsonObject additional)
                    Check(additional, member, $"{path}/{name}", errors);
            }
        }
        if (value is JsonArray array && schema["items"] is { } items)
            for (var i = 0; i < array.Count; i++)
                Check(items, array[i], $"{path}/{i.ToString(CultureInfo.InvariantCulture)}", errors);
        foreach (var part in schema["allOf"]?.AsArray() ?? [])
            Check(part!, value, path, errors);
        if (schema["anyOf"] is JsonArray anyOf && !anyOf.Any(s => Validate(s!, value, path).Count == 0))
            errors.Add($"{path}: {Describe(value)} matches none of anyOf");
        if (schema["oneOf"] is JsonArray oneOf && oneOf.Count(s => Validate(s!, value, path).Count == 0) != 1)
            errors.Add($"{path}: {Describe(value)} matches {oneOf.Count(s => Validate(s!, value, path).Count == 0)} of oneOf, not exactly one");
    }

    private JsonNode Resolve(string reference) =>
        reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate(document, (node, segment) => node[segment]!);

    private static bool HasType(JsonNode? value, string type, bool nullable) => value switch
    {
        null => nullable,
        JsonObject => type == "object",
        JsonArray => type == "array",
        JsonValue v when v.TryGetValue<string>(out _) => type == "string",
        JsonValue v when v.TryGetValue<bool>(out _) => type == "boolean",
        JsonValue v when v.TryGetValue<long>(out _) => type is "integer" or "number",
        _ => type == "number",
    };

    private static string Describe(JsonNode? value) => value is null ? "null" : value.ToJsonString();
}
