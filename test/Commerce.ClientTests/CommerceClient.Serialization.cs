using System.Reflection;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Commerce.ClientTests.Generated;

/// <summary>
/// Two things NSwag's System.Text.Json output needs from its partial hook:
/// <list type="bullet">
/// <item>Absent is not null: the generated classes cannot tell a member never set from one set to null, and
/// the API clears a field sent as null. Null members are therefore left out of requests (absent = keep), so
/// clearing a field is not possible through this client: send that one request by hand.</item>
/// <item>Enum values: NSwag marks them with [EnumMember] and a property-level JsonStringEnumConverter, which
/// System.Text.Json does not read (it would send "Orders", not "orders"); a converter that honours
/// [EnumMember] replaces it on every enum property.</item>
/// </list>
/// </summary>
public partial class CommerceClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        settings.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { UseEnumMemberNames } };
    }

    private static void UseEnumMemberNames(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.PropertyType.IsEnum)
                property.CustomConverter = (JsonConverter)Activator.CreateInstance(typeof(EnumMemberConverter<>).MakeGenericType(property.PropertyType))!;
            else if (Nullable.GetUnderlyingType(property.PropertyType) is { IsEnum: true } enumType)
                property.CustomConverter = (JsonConverter)Activator.CreateInstance(typeof(NullableEnumMemberConverter<>).MakeGenericType(enumType))!;
        }
    }

    private sealed class EnumMemberConverter<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly Dictionary<T, string> Names = Enum.GetValues<T>().ToDictionary(v => v,
            v => typeof(T).GetField(v.ToString())!.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? v.ToString());

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            foreach (var (value, name) in Names)
            {
                if (name == text)
                    return value;
            }
            throw new JsonException($"'{text}' is not a value of {typeof(T).Name}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Names[value]);
    }

    private sealed class NullableEnumMemberConverter<T> : JsonConverter<T?> where T : struct, Enum
    {
        private static readonly EnumMemberConverter<T> Inner = new();

        public override bool HandleNull => true;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? null : Inner.Read(ref reader, typeof(T), options);

        public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
        {
            if (value is { } v)
                Inner.Write(writer, v, options);
            else
                writer.WriteNullValue();
        }
    }
}
