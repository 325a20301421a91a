using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Commerce.JsonApi.Resources;

namespace Commerce.JsonApi.Serialization;

/// <summary>Serializer options for attribute values: snake_case, ISO 8601 UTC timestamps with milliseconds.</summary>
public static class JsonApiSerializer
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = NamingPolicy.Policy,
            DictionaryKeyPolicy = null,
            NumberHandling = JsonNumberHandling.Strict,
            AllowDuplicateProperties = false,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new UtcTimestampConverter());
        options.Converters.Add(new UtcDateTimeConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>An ISO 8601 timestamp in UTC; one without an offset is UTC too, never the server's local time.</summary>
    private static DateTimeOffset ReadUtc(ref Utf8JsonReader reader)
    {
        var value = reader.GetDateTime();
        return value.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(value, TimeSpan.Zero)
            : reader.GetDateTimeOffset().ToUniversalTime();
    }

    private sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ReadUtc(ref reader);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(FormatTimestamp(value));
    }

    private sealed class UtcDateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ReadUtc(ref reader).UtcDateTime;

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(FormatTimestamp(value.Kind == DateTimeKind.Local
                ? new DateTimeOffset(value.ToUniversalTime())
                : new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc))));
    }
}
