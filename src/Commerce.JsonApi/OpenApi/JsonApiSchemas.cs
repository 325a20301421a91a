using System.Reflection;
using System.Text.Json.Nodes;
using Commerce.JsonApi.Resources;
using Microsoft.OpenApi;

namespace Commerce.JsonApi.OpenApi;

/// <summary>The JSON schemas of attribute values, by CLR type, as <see cref="Serialization.JsonApiSerializer"/> writes them.</summary>
internal static class JsonApiSchemas
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static OpenApiSchema ForAttribute(AttributeDefinition attribute)
    {
        var schema = ForType(attribute.ValueType);
        if (IsNullable(attribute))
            schema.Type |= JsonSchemaType.Null;
        if (attribute.Description is { } description)
            schema.Description = description;
        return schema;
    }

    /// <summary>Value types say it themselves; for stored reference types the property's nullable annotation decides.</summary>
    private static bool IsNullable(AttributeDefinition attribute)
    {
        if (attribute.ValueType.IsValueType)
            return Nullable.GetUnderlyingType(attribute.ValueType) is not null;
        if (attribute.Expression?.Body is System.Linq.Expressions.MemberExpression { Member: PropertyInfo property })
            return Nullability.Create(property).ReadState != NullabilityState.NotNull;
        return true;
    }

    public static OpenApiSchema ForType(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
            return new OpenApiSchema { Type = JsonSchemaType.String };
        if (underlying == typeof(bool))
            return new OpenApiSchema { Type = JsonSchemaType.Boolean };
        if (underlying == typeof(int) || underlying == typeof(short) || underlying == typeof(byte))
            return new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" };
        if (underlying == typeof(long))
            return new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" };
        if (underlying == typeof(decimal))
            return new OpenApiSchema { Type = JsonSchemaType.Number, Format = "decimal" };
        if (underlying == typeof(double) || underlying == typeof(float))
            return new OpenApiSchema { Type = JsonSchemaType.Number, Format = "double" };
        if (underlying == typeof(DateTimeOffset) || underlying == typeof(DateTime))
            return new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" };
        if (underlying == typeof(DateOnly))
            return new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" };
        if (underlying == typeof(Guid))
            return new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" };
        if (underlying.IsEnum)
            return new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" };
        if (DictionaryValueType(underlying) is { } valueType)
            return new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = ForType(valueType) };
        if (underlying != typeof(string) && ElementType(underlying) is { } element)
            return new OpenApiSchema { Type = JsonSchemaType.Array, Items = ForType(element) };
        return new OpenApiSchema { Type = JsonSchemaType.Object };
    }

    private static Type? DictionaryValueType(Type type)
    {
        foreach (var candidate in type.GetInterfaces().Append(type))
        {
            if (!candidate.IsGenericType)
                continue;
            var definition = candidate.GetGenericTypeDefinition();
            if ((definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>)) && candidate.GetGenericArguments()[0] == typeof(string))
                return candidate.GetGenericArguments()[1];
        }
        return null;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    public static OpenApiSchema String(string? description = null) => new() { Type = JsonSchemaType.String, Description = description };

    public static OpenApiSchema Constant(IEnumerable<string> values, string? description = null) => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))],
        Description = description,
    };

    public static OpenApiSchema Object(IEnumerable<(string Name, IOpenApiSchema Schema)> properties, IEnumerable<string>? required = null,
        string? description = null, bool closed = false)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = description,
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
        };
        foreach (var (name, property) in properties)
            schema.Properties[name] = property;
        var requiredSet = required?.ToHashSet(StringComparer.Ordinal);
        if (requiredSet is { Count: > 0 })
            schema.Required = requiredSet;
        if (closed)
            schema.AdditionalPropertiesAllowed = false;
        return schema;
    }

    /// <summary>
    /// A reference that may also be null. OpenAPI 3.0 cannot put <c>nullable</c> beside a <c>$ref</c>, and <c>nullable</c>
    /// admits null only beside a <c>type</c> of the same schema (3.0.3), so <c>allOf: [$ref], nullable: true</c> still refuses
    /// null: the value is one of the references or <see cref="Null"/>. Code generators (NSwag) read this as a nullable reference.
    /// </summary>
    public static OpenApiSchema NullableRef(IOpenApiSchema reference, string? description = null) => NullableOneOf([reference], description);

    /// <summary>One of <paramref name="schemas"/>, or null.</summary>
    public static OpenApiSchema NullableOneOf(IEnumerable<IOpenApiSchema> schemas, string? description = null) => new()
    {
        OneOf = [.. schemas, Null()],
        Description = description,
    };

    /// <summary>JSON null and nothing else, in OpenAPI 3.0 terms (3.0 has no null type).</summary>
    public static OpenApiSchema Null() => new()
    {
        Type = JsonSchemaType.Object | JsonSchemaType.Null,
        Enum = [null!],
        Description = "null",
    };
}
