using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Protocol;

/// <summary>Filter values with control characters: one rule for every predicate, on every provider (PostgreSQL cannot take a NUL).</summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSql")]
public sealed class Filter_values(string provider) : ProviderFixture(provider)
{
    [TestCase("code_cont", "%00")]
    [TestCase("code_start", "MUG%00")]
    [TestCase("code_end", "%00XXXX")]
    [TestCase("name_cont", "%01")]
    [TestCase("code_cont", "%1F")]
    [TestCase("code_eq", "%00")]
    [TestCase("code_not_eq", "%00")]
    [TestCase("code_in", "MUG,%00")]
    [TestCase("code_lt", "%00")]
    public async Task A_control_character_in_a_filter_value_is_400_naming_the_parameter(string filter, string value)
    {
        var response = await Api.GetAsync($"skus?filter[q][{filter}]={value}");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.ToString());
        Assert.That(response.Error["code"]!.GetValue<string>(), Is.EqualTo("INVALID_FILTERS_SYNTAX"));
        Assert.That(response.Error["source"]!["parameter"]!.GetValue<string>(), Is.EqualTo($"filter[q][{filter}]"));
        Assert.That(response.Error["detail"]!.GetValue<string>(), Does.Contain("control characters"));
    }

    [Test]
    public async Task Tab_and_line_breaks_are_text_a_filter_may_look_for()
    {
        var response = await Api.GetAsync("skus?filter[q][name_cont]=%09%0A");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Data.AsArray(), Is.Empty);
    }
}
