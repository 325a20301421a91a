using Commerce.JsonApi.Queries;
using Commerce.JsonApi.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Commerce.UnitTests.JsonApi;

// LINQ to Objects over the built expressions: these tests pin the semantics of each predicate; the SQL
// translation of the same expressions is covered by the integration tests.
public sealed class FilterBuilderAndQueryApplierTests
{
    private static readonly ResourceGraph Graph = BlogGraph.Build();
    private static readonly ResourceDefinition Articles = Graph.Get("articles");

    private static readonly Article[] Rows =
    [
        new() { Id = "a3", Title = "Alpha", Body = "json api", Published = true, Featured = true, Views = 10, Rating = 5,
            CreatedAt = At("2018-01-01T00:00:00Z"), PublishedAt = At("2018-01-02T00:00:00Z") },
        new() { Id = "a1", Title = "beta", Body = null, Published = false, Featured = null, Views = 20, Rating = null,
            CreatedAt = At("2018-02-01T12:00:00Z"), PublishedAt = null },
        new() { Id = "a4", Title = "gamma", Body = "   ", Published = true, Featured = false, Views = 30, Rating = 3,
            CreatedAt = At("2018-03-01T00:00:00Z"), PublishedAt = At("2018-03-02T00:00:00Z") },
        new() { Id = "a2", Title = "delta", Body = "api", Published = false, Featured = false, Views = 5, Rating = 1,
            CreatedAt = At("2018-02-01T12:00:00Z"), PublishedAt = null },
    ];

    private static DateTimeOffset At(string value) => DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    private static QueryModel Parse(params (string Key, string Value)[] parameters) =>
        new QueryParser(Graph).Parse(new QueryCollection(parameters.ToDictionary(p => p.Key, p => new StringValues(p.Value))), Articles, true);

    private static string[] Matching(string expression, string value) =>
        [.. QueryApplier.Filter(Rows.AsQueryable(), Parse(($"filter[q][{expression}]", value))).Select(a => a.Id).Order(StringComparer.Ordinal)];

    [TestCase("title_eq", "beta", new[] { "a1" })]
    [TestCase("title_eq", "Beta", new string[0])]
    [TestCase("title_not_eq", "beta", new[] { "a2", "a3", "a4" })]
    [TestCase("views_eq", "20", new[] { "a1" })]
    [TestCase("views_not_eq", "20", new[] { "a2", "a3", "a4" })]
    [TestCase("rating_eq", "3", new[] { "a4" })]
    [TestCase("rating_not_eq", "3", new[] { "a1", "a2", "a3" })]
    [TestCase("published_eq", "true", new[] { "a3", "a4" })]
    [TestCase("published_eq", "0", new[] { "a1", "a2" })]
    [TestCase("featured_eq", "false", new[] { "a2", "a4" })]
    [TestCase("created_at_eq", "2018-02-01T12:00:00Z", new[] { "a1", "a2" })]
    [TestCase("created_at_eq", "2018-02-01T13:00:00+01:00", new[] { "a1", "a2" })]
    public void Eq_and_not_eq_compare_typed_values(string expression, string value, string[] expected) =>
        Assert.That(Matching(expression, value), Is.EqualTo(expected));

    [TestCase("title_in", "beta,gamma,nope", new[] { "a1", "a4" })]
    [TestCase("title_not_in", "beta,gamma", new[] { "a2", "a3" })]
    [TestCase("views_in", "5,30", new[] { "a2", "a4" })]
    [TestCase("views_in", "7", new string[0])]
    [TestCase("rating_in", "1,5", new[] { "a2", "a3" })]
    [TestCase("rating_not_in", "1,5", new[] { "a1", "a4" })]
    [TestCase("created_at_in", "2018-01-01T00:00:00Z,2018-03-01T00:00:00Z", new[] { "a3", "a4" })]
    public void In_and_not_in_take_a_comma_list(string expression, string value, string[] expected) =>
        Assert.That(Matching(expression, value), Is.EqualTo(expected));

    [TestCase("views_lt", "10", new[] { "a2" })]
    [TestCase("views_lteq", "10", new[] { "a2", "a3" })]
    [TestCase("views_gt", "20", new[] { "a4" })]
    [TestCase("views_gteq", "20", new[] { "a1", "a4" })]
    [TestCase("views_gt", "-1", new[] { "a1", "a2", "a3", "a4" })]
    [TestCase("rating_lt", "4", new[] { "a2", "a4" })]
    [TestCase("rating_gteq", "3", new[] { "a3", "a4" })]
    [TestCase("created_at_lt", "2018-02-01T12:00:00Z", new[] { "a3" })]
    [TestCase("created_at_lteq", "2018-02-01T12:00:00.000Z", new[] { "a1", "a2", "a3" })]
    [TestCase("published_at_gt", "2018-01-02", new[] { "a4" })]
    [TestCase("published_at_gteq", "2018-01-02", new[] { "a3", "a4" })]
    public void Lt_lteq_gt_gteq_compare_numbers_and_timestamps(string expression, string value, string[] expected) =>
        Assert.That(Matching(expression, value), Is.EqualTo(expected));

    [TestCase("title_lt", "c", new[] { "a1", "a3" })]
    [TestCase("title_lteq", "beta", new[] { "a1", "a3" })]
    [TestCase("title_gt", "beta", new[] { "a2", "a4" })]
    [TestCase("title_gteq", "delta", new[] { "a2", "a4" })]
    public void Lt_and_gt_compare_strings(string expression, string value, string[] expected) =>
        Assert.That(Matching(expression, value), Is.EqualTo(expected));

    [TestCase("title_cont", "e", new[] { "a1", "a2" })]
    [TestCase("title_cont", "lph", new[] { "a3" })]
    [TestCase("title_start", "ga", new[] { "a4" })]
    [TestCase("title_end", "ta", new[] { "a1", "a2" })]
    [TestCase("title_cont", "zzz", new string[0])]
    [TestCase("title_cont", "ALP", new[] { "a3" })]
    [TestCase("title_start", "BE", new[] { "a1" })]
    [TestCase("title_end", "TA", new[] { "a1", "a2" })]
    [TestCase("body_cont", "API", new[] { "a2", "a3" })]
    public void Cont_start_and_end_match_text_ignoring_case(string expression, string value, string[] expected) =>
        Assert.That(Matching(expression, value), Is.EqualTo(expected));

    [TestCase("rating_null", "true", new[] { "a1" })]
    [TestCase("rating_null", "false", new[] { "a2", "a3", "a4" })]
    [TestCase("rating_not_null", "true", new[] { "a2", "a3", "a4" })]
    [TestCase("rating_not_null", "0", new[] { "a1" })]
    [TestCase("published_at_null", "1", new[] { "a1", "a2" })]
    [TestCase("views_null", "true", new string[0])]
    [TestCase("views_not_null", "true", new[] { "a1", "a2", "a3", "a4" })]
    [TestCase("body_null", "true", new[] { "a1" })]
    public void Null_and_not_null_test_for_null_and_false_negates(string expression, string value, string[] expected) =>
        Assert.That(Matching(expression, value), Is.EqualTo(expected));

    [TestCase("body_blank", "true", new[] { "a1", "a4" })]
    [TestCase("body_blank", "false", new[] { "a2", "a3" })]
    [TestCase("body_present", "true", new[] { "a2", "a3" })]
    [TestCase("body_present", "false", new[] { "a1", "a4" })]
    [TestCase("rating_blank", "true", new[] { "a1" })]
    [TestCase("rating_present", "true", new[] { "a2", "a3", "a4" })]
    public void Blank_and_present_treat_null_empty_and_whitespace_text_alike(string expression, string value, string[] expected) =>
        Assert.That(Matching(expression, value), Is.EqualTo(expected));

    [TestCase("published_true", "true", new[] { "a3", "a4" })]
    [TestCase("published_true", "false", new[] { "a1", "a2" })]
    [TestCase("published_false", "true", new[] { "a1", "a2" })]
    [TestCase("published_false", "false", new[] { "a3", "a4" })]
    [TestCase("featured_true", "true", new[] { "a3" })]
    [TestCase("featured_true", "false", new[] { "a1", "a2", "a4" })]
    [TestCase("featured_false", "true", new[] { "a2", "a4" })]
    [TestCase("featured_false", "false", new[] { "a1", "a3" })]
    public void True_and_false_test_booleans_and_false_negates(string expression, string value, string[] expected) =>
        Assert.That(Matching(expression, value), Is.EqualTo(expected));

    [Test]
    public void Several_filters_must_all_match()
    {
        var query = Parse(("filter[q][published_true]", "true"), ("filter[q][views_gt]", "10"));
        Assert.That(QueryApplier.Filter(Rows.AsQueryable(), query).Select(a => a.Id), Is.EqualTo(new[] { "a4" }));
    }

    [Test]
    public void Filter_values_are_captured_as_parameters_not_constants()
    {
        var expression = FilterBuilder.Build<Article>(Parse(("filter[q][title_eq]", "beta")).Filters.Single());
        Assert.That(expression.Body.ToString(), Does.Not.Contain("\"beta\""));
    }

    [Test]
    public void Without_sort_the_default_sort_applies_with_the_id_breaking_ties()
    {
        var sorted = QueryApplier.Sort(Rows.AsQueryable(), QueryModel.Empty, Articles).Select(a => a.Id);
        Assert.That(sorted, Is.EqualTo(new[] { "a4", "a1", "a2", "a3" }));
    }

    [Test]
    public void A_requested_sort_replaces_the_default_and_the_id_still_breaks_ties()
    {
        var sorted = QueryApplier.Sort(Rows.AsQueryable(), Parse(("sort", "published")), Articles).Select(a => a.Id);
        Assert.That(sorted, Is.EqualTo(new[] { "a1", "a2", "a3", "a4" }));
    }

    [Test]
    public void Sort_applies_several_keys_in_order_and_descending()
    {
        var sorted = QueryApplier.Sort(Rows.AsQueryable(), Parse(("sort", "-published,-views")), Articles).Select(a => a.Id);
        Assert.That(sorted, Is.EqualTo(new[] { "a4", "a3", "a1", "a2" }));
    }

    [Test]
    public void A_resource_without_default_sort_is_ordered_by_id()
    {
        var people = new[] { new Person { Id = "p2" }, new Person { Id = "p3" }, new Person { Id = "p1" } };
        var sorted = QueryApplier.Sort(people.AsQueryable(), QueryModel.Empty, Graph.Get("people")).Select(p => p.Id);
        Assert.That(sorted, Is.EqualTo(new[] { "p1", "p2", "p3" }));
    }

    [TestCase(1, 3, new[] { "a1", "a2", "a3" })]
    [TestCase(2, 3, new[] { "a4" })]
    [TestCase(3, 3, new string[0])]
    [TestCase(2, 1, new[] { "a2" })]
    public void Page_skips_and_takes(int number, int size, string[] expected)
    {
        var ordered = Rows.OrderBy(a => a.Id, StringComparer.Ordinal).AsQueryable();
        var page = QueryApplier.Page(ordered, new QueryModel { PageNumber = number, PageSize = size }).Select(a => a.Id);
        Assert.That(page, Is.EqualTo(expected));
    }

    [TestCase(int.MaxValue, 25)]
    [TestCase(100_000_000, 25)]
    [TestCase(2, int.MaxValue)]
    public void A_page_far_past_the_end_is_empty(int number, int size)
    {
        var page = QueryApplier.Page(Rows.AsQueryable(), new QueryModel { PageNumber = number, PageSize = size });
        Assert.That(page, Is.Empty);
    }

    [Test]
    public void The_largest_page_number_the_parser_accepts_gives_an_empty_page()
    {
        var query = Parse(("page[number]", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("page[size]", "25"));
        Assert.That(QueryApplier.Page(Rows.AsQueryable(), query), Is.Empty);
    }

    [Test]
    public void Id_equals_matches_one_resource() =>
        Assert.That(Rows.AsQueryable().Where(QueryApplier.IdEquals<Article>(Articles, "a4")).Select(a => a.Title), Is.EqualTo(new[] { "gamma" }));

    [Test]
    public void Property_equals_matches_a_foreign_key()
    {
        var comments = new[] { new Comment { Id = "c1", ArticleId = "a1" }, new Comment { Id = "c2", ArticleId = "a2" }, new Comment { Id = "c3" } };
        var inverse = Articles.FindRelationship("comments")!.InverseForeignKey!;
        Assert.That(comments.AsQueryable().Where(QueryApplier.PropertyEquals<Comment>(inverse, "a2")).Select(c => c.Id), Is.EqualTo(new[] { "c2" }));
    }
}
