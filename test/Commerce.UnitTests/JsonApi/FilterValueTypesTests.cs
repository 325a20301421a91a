using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Queries;
using Commerce.JsonApi.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Commerce.UnitTests.JsonApi;

// Filter values of the numeric and timestamp types the blog graph does not filter on.
public sealed class FilterValueTypesTests
{
    public sealed class Reading
    {
        public string Id { get; set; } = "";
        public long Count { get; set; }
        public double Ratio { get; set; }
        public decimal Amount { get; set; }
        public decimal? Tip { get; set; }
        public DateTime TakenAt { get; set; }
    }

    private static readonly ResourceGraph Graph = new ResourceGraphBuilder()
        .Add<Reading>("readings", r => r.Id, r => r
            .Attribute(x => x.Count, Can.All)
            .Attribute(x => x.Ratio, Can.All)
            .Attribute(x => x.Amount, Can.All)
            .Attribute(x => x.Tip, Can.All)
            .Attribute(x => x.TakenAt, Can.All))
        .Build();

    private static readonly Reading[] Rows =
    [
        new() { Id = "r1", Count = 5_000_000_000, Ratio = 0.25, Amount = 1.5m, Tip = null, TakenAt = new DateTime(2018, 2, 1, 12, 0, 0, DateTimeKind.Utc) },
        new() { Id = "r2", Count = -3, Ratio = 1e-3, Amount = 15m, Tip = 0.5m, TakenAt = new DateTime(2018, 2, 2, 0, 0, 0, DateTimeKind.Utc) },
        new() { Id = "r3", Count = 7, Ratio = 2.5, Amount = 1000m, Tip = 2m, TakenAt = new DateTime(2018, 1, 31, 0, 0, 0, DateTimeKind.Utc) },
    ];

    private static QueryModel Parse(string key, string value) =>
        new QueryParser(Graph).Parse(new QueryCollection(new Dictionary<string, StringValues> { [key] = value }), Graph.Get("readings"), true);

    private static string[] Matching(string expression, string value) =>
        [.. QueryApplier.Filter(Rows.AsQueryable(), Parse($"filter[q][{expression}]", value)).Select(r => r.Id).Order(StringComparer.Ordinal)];

    [TestCase("count_gt", "4294967296", new[] { "r1" })]
    [TestCase("count_lt", "-1", new[] { "r2" })]
    [TestCase("count_in", "7,-3", new[] { "r2", "r3" })]
    [TestCase("ratio_lt", "0.3", new[] { "r1", "r2" })]
    [TestCase("ratio_gteq", "2.5e0", new[] { "r3" })]
    [TestCase("amount_eq", "1.5", new[] { "r1" })]
    [TestCase("amount_eq", "15", new[] { "r2" })]
    [TestCase("amount_lteq", "-0.0", new string[0])]
    [TestCase("amount_in", "15,1000.00", new[] { "r2", "r3" })]
    [TestCase("tip_gt", "0.5", new[] { "r3" })]
    [TestCase("tip_null", "true", new[] { "r1" })]
    [TestCase("taken_at_gteq", "2018-02-01T12:00:00Z", new[] { "r1", "r2" })]
    [TestCase("taken_at_lt", "2018-02-01T13:00:00+02:00", new[] { "r3" })]
    [TestCase("taken_at_eq", "2018-02-01T12:00:00.000Z", new[] { "r1" })]
    public void Numbers_and_timestamps_are_compared_as_their_type(string expression, string value, string[] expected) =>
        Assert.That(Matching(expression, value), Is.EqualTo(expected));

    [TestCase("count_eq", "1.0")]
    [TestCase("count_eq", "99999999999999999999")]
    [TestCase("ratio_eq", "NaN")]
    [TestCase("ratio_eq", "Infinity")]
    [TestCase("ratio_eq", "1e999")]
    [TestCase("amount_eq", "1,5")]
    [TestCase("amount_eq", "1,000")]
    [TestCase("amount_eq", "(5)")]
    [TestCase("tip_gt", "abc")]
    [TestCase("taken_at_eq", "2018-02-30")]
    [TestCase("taken_at_eq", "soon")]
    public void Rejects_a_value_that_is_not_of_the_attribute_type(string expression, string value) =>
        JsonApiAssert.AtParameter(() => Parse($"filter[q][{expression}]", value), 400, ErrorCodes.InvalidFiltersSyntax, $"filter[q][{expression}]");
}
