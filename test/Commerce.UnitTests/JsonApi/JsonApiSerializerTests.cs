using System.Text.Json;
using Commerce.JsonApi.Serialization;

namespace Commerce.UnitTests.JsonApi;

// Timestamps are ISO 8601 UTC with milliseconds on the wire, whatever the server's time zone
// (.ci/run runs the tests of category TimeZone again with TZ=Asia/Tokyo: in UTC they cannot tell a local time from a UTC one).
public sealed class JsonApiSerializerTests
{
    private static string Write<T>(T value) => JsonSerializer.Serialize(value, JsonApiSerializer.Options);

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, JsonApiSerializer.Options)!;

    [Test]
    public void Writes_a_timestamp_in_utc_with_milliseconds() =>
        Assert.That(Write(new DateTimeOffset(2018, 2, 1, 21, 0, 0, 7, TimeSpan.FromHours(9))), Is.EqualTo("\"2018-02-01T12:00:00.007Z\""));

    [Test]
    public void Writes_a_nullable_timestamp_the_same_way() =>
        Assert.That(Write<DateTimeOffset?>(new DateTimeOffset(2018, 2, 1, 12, 0, 0, TimeSpan.Zero)), Is.EqualTo("\"2018-02-01T12:00:00.000Z\""));

    [Test]
    public void Writes_utc_and_unspecified_date_times_as_utc()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Write(new DateTime(2018, 2, 1, 12, 0, 0, DateTimeKind.Utc)), Is.EqualTo("\"2018-02-01T12:00:00.000Z\""));
            Assert.That(Write(new DateTime(2018, 2, 1, 12, 0, 0, DateTimeKind.Unspecified)), Is.EqualTo("\"2018-02-01T12:00:00.000Z\""));
        });
    }

    [Test]
    [Category("TimeZone")]
    public void Writes_a_local_date_time_as_the_same_instant_in_utc()
    {
        var local = new DateTime(2018, 2, 1, 12, 0, 0, DateTimeKind.Local);
        // The expectation by hand, not by the serializer nor ToUniversalTime: noon local is noon minus the zone's offset
        // that day (Asia/Tokyo in CI: 03:00 UTC; no daylight saving there, nor in February north of the equator).
        var offset = TimeZoneInfo.Local.GetUtcOffset(new DateTime(2018, 2, 1, 12, 0, 0, DateTimeKind.Unspecified));
        var minutes = 12 * 60 - (int)offset.TotalMinutes;
        var day = 1 + (int)Math.Floor(minutes / 1440.0);
        minutes = ((minutes % 1440) + 1440) % 1440;
        var expected = $"\"2018-{(day < 1 ? "01-31" : day > 1 ? $"02-{day:00}" : "02-01")}T{minutes / 60:00}:{minutes % 60:00}:00.000Z\"";
        Assert.That(Write(local), Is.EqualTo(expected));
    }

    [TestCase("\"2018-02-01T12:00:00Z\"")]
    [TestCase("\"2018-02-01T12:00:00.000Z\"")]
    [TestCase("\"2018-02-01T13:00:00+01:00\"")]
    [TestCase("\"2018-02-01T12:00:00\"")]
    [Category("TimeZone")]
    public void Reads_timestamps_as_utc_and_one_without_offset_as_utc(string json)
    {
        var expected = new DateTimeOffset(2018, 2, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(Read<DateTimeOffset>(json), Is.EqualTo(expected));
            Assert.That(Read<DateTimeOffset>(json).Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(Read<DateTime>(json), Is.EqualTo(expected.UtcDateTime));
            Assert.That(Read<DateTime>(json).Kind, Is.EqualTo(DateTimeKind.Utc));
        });
    }

    [Test]
    public void Uses_snake_case_member_names() =>
        Assert.That(Write(new { FirstName = "Dan" }), Is.EqualTo("{\"first_name\":\"Dan\"}"));
}
