using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Queries;
using Commerce.JsonApi.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Commerce.UnitTests.JsonApi;

public sealed class QueryParserTests
{
    private static readonly ResourceGraph Graph = BlogGraph.Build();
    private static readonly ResourceDefinition Articles = Graph.Get("articles");

    private static QueryCollection Query(params (string Key, string Value)[] parameters) =>
        new(parameters.ToDictionary(p => p.Key, p => new StringValues(p.Value)));

    private static QueryModel ParseList(params (string Key, string Value)[] parameters) =>
        new QueryParser(Graph).Parse(Query(parameters), Articles, isCollection: true);

    private static QueryModel ParseSingle(params (string Key, string Value)[] parameters) =>
        new QueryParser(Graph).Parse(Query(parameters), Articles, isCollection: false);

    private static void RejectsList(string key, string value, string code, string? parameter = null) =>
        JsonApiAssert.AtParameter(() => ParseList((key, value)), 400, code, parameter ?? key);

    // include

    [Test]
    public void Empty_query_gives_defaults()
    {
        var model = ParseList();
        Assert.Multiple(() =>
        {
            Assert.That(model.Include.IsEmpty, Is.True);
            Assert.That(model.Fields, Is.Empty);
            Assert.That(model.Sort, Is.Empty);
            Assert.That(model.Filters, Is.Empty);
            Assert.That(model.PageNumber, Is.EqualTo(1));
            Assert.That(model.PageSize, Is.EqualTo(10));
            Assert.That(model.PageSizeGiven, Is.False);
        });
    }

    [Test]
    public void Include_builds_a_tree_from_dot_paths()
    {
        var model = ParseList(("include", "comments.author,author,comments"));
        var root = model.Include.Children;
        Assert.That(root.Keys, Is.EquivalentTo(new[] { "comments", "author" }));
        Assert.Multiple(() =>
        {
            Assert.That(root["comments"].Relationship!.Name, Is.EqualTo("comments"));
            Assert.That(root["comments"].Children.Keys, Is.EquivalentTo(new[] { "author" }));
            Assert.That(root["comments"].Children["author"].Relationship!.TargetTypes, Is.EqualTo(new[] { "people" }));
            Assert.That(root["author"].IsEmpty, Is.True);
        });
    }

    [Test]
    public void Include_follows_a_polymorphic_relationship_into_any_of_its_types()
    {
        var model = ParseList(("include", "subject.articles"));
        Assert.That(model.Include.Children["subject"].Children.Keys, Is.EquivalentTo(new[] { "articles" }));
    }

    [Test]
    public void Include_is_allowed_on_a_single_resource() =>
        Assert.That(ParseSingle(("include", "author")).Include.Children.Keys, Is.EquivalentTo(new[] { "author" }));

    [TestCase("editor")]
    [TestCase("comments.article")]
    [TestCase("title")]
    [TestCase("Author")]
    public void Rejects_unknown_include_with_parameter_source(string path) =>
        RejectsList("include", path, ErrorCodes.InvalidInclude);

    [TestCase("author,")]
    [TestCase(",author")]
    [TestCase("")]
    [TestCase("comments..author")]
    public void Rejects_an_empty_include_path(string value) =>
        RejectsList("include", value, ErrorCodes.InvalidInclude);

    [Test]
    public void Accepts_an_include_path_as_deep_as_the_limit() =>
        Assert.That(ParseList(("include", "author.articles.author")).Include.Children["author"].Children["articles"].Children.Keys,
            Is.EquivalentTo(new[] { "author" }));

    [Test]
    public void Rejects_an_include_path_deeper_than_the_limit() =>
        RejectsList("include", "author.articles.author.articles", ErrorCodes.InvalidInclude);

    [Test]
    public void Include_depth_limit_follows_the_options()
    {
        var graph = BlogGraph.Build(o => o.MaxIncludeDepth = 1);
        JsonApiAssert.AtParameter(() => new QueryParser(graph).Parse(Query(("include", "comments.author")), graph.Get("articles"), true),
            400, ErrorCodes.InvalidInclude, "include");
    }

    [Test]
    public void Accepts_a_loader_relationship_as_the_last_segment()
    {
        var model = ParseList(("include", "tags,author.articles.tags"));
        Assert.That(model.Include.Children["tags"].Relationship!.IsNavigation, Is.False);
    }

    [Test]
    public void Rejects_a_loader_relationship_before_the_last_segment() =>
        RejectsList("include", "tags.articles", ErrorCodes.InvalidInclude);

    // fields

    [Test]
    public void Fieldsets_keep_the_listed_attributes_and_relationships()
    {
        var model = ParseList(("fields[articles]", "title,author"), ("fields[people]", "first_name"));
        Assert.Multiple(() =>
        {
            Assert.That(model.Fields["articles"], Is.EquivalentTo(new[] { "title", "author" }));
            Assert.That(model.ShowsField("articles", "title"), Is.True);
            Assert.That(model.ShowsField("articles", "author"), Is.True);
            Assert.That(model.ShowsField("articles", "body"), Is.False);
            Assert.That(model.ShowsField("people", "last_name"), Is.False);
            Assert.That(model.ShowsField("comments", "body"), Is.True);
        });
    }

    [Test]
    public void Fieldsets_are_allowed_on_a_single_resource() =>
        Assert.That(ParseSingle(("fields[articles]", "title")).Fields["articles"], Is.EquivalentTo(new[] { "title" }));

    [Test]
    public void An_empty_fieldset_shows_no_fields() =>
        Assert.That(ParseList(("fields[articles]", "")).ShowsField("articles", "title"), Is.False);

    [Test]
    public void Rejects_a_fieldset_of_an_unknown_type() =>
        RejectsList("fields[blogs]", "title", ErrorCodes.InvalidField);

    [TestCase("title,nope")]
    [TestCase("secret")]
    [TestCase("_publish")]
    public void Rejects_an_unknown_or_unreadable_fieldset_member(string value) =>
        RejectsList("fields[articles]", value, ErrorCodes.InvalidField);

    [Test]
    public void A_fieldset_may_name_id_which_is_always_written()
    {
        var fields = ParseList(("fields[articles]", "id,title")).Fields;
        Assert.That(fields["articles"], Is.EquivalentTo(new[] { "title" }));
    }

    // sort

    [Test]
    public void Sort_reads_ascending_and_descending_terms_in_order()
    {
        var sort = ParseList(("sort", "-created_at,title")).Sort;
        Assert.That(sort.Select(s => (s.Attribute.Name, s.Descending)),
            Is.EqualTo(new[] { ("created_at", true), ("title", false) }));
    }

    [TestCase("nope")]
    [TestCase("-nope")]
    [TestCase("title,")]
    [TestCase("")]
    [TestCase("author")]
    public void Rejects_an_unknown_sort_field(string value) =>
        RejectsList("sort", value, ErrorCodes.InvalidSortCriteria);

    [TestCase("body")]
    [TestCase("word_count")]
    [TestCase("-secret")]
    public void Rejects_a_sort_on_an_attribute_that_is_not_sortable(string value) =>
        RejectsList("sort", value, ErrorCodes.InvalidSortCriteria);

    [TestCase("title,title")]
    [TestCase("title,-title")]
    public void Rejects_a_duplicate_sort_field(string value) =>
        RejectsList("sort", value, ErrorCodes.InvalidSortCriteria);

    // page

    [Test]
    public void Page_number_and_size_are_read()
    {
        var model = ParseList(("page[number]", "3"), ("page[size]", "25"));
        Assert.Multiple(() =>
        {
            Assert.That(model.PageNumber, Is.EqualTo(3));
            Assert.That(model.PageSize, Is.EqualTo(25));
            Assert.That(model.PageSizeGiven, Is.True);
        });
    }

    [Test]
    public void Default_page_size_follows_the_options()
    {
        var graph = BlogGraph.Build(o => o.DefaultPageSize = 7);
        Assert.That(new QueryParser(graph).Parse(Query(), graph.Get("articles"), true).PageSize, Is.EqualTo(7));
    }

    [Test]
    public void Maximum_page_size_follows_the_options()
    {
        var graph = BlogGraph.Build(o => o.MaxPageSize = 50);
        var parser = new QueryParser(graph);
        Assert.That(parser.Parse(Query(("page[size]", "50")), graph.Get("articles"), true).PageSize, Is.EqualTo(50));
        JsonApiAssert.AtParameter(() => parser.Parse(Query(("page[size]", "51")), graph.Get("articles"), true), 400, ErrorCodes.InvalidPageValue, "page[size]");
    }

    [Test]
    public void Rejects_a_page_size_above_the_maximum() =>
        RejectsList("page[size]", "26", ErrorCodes.InvalidPageValue);

    [TestCase("page[size]", "0")]
    [TestCase("page[size]", "-1")]
    [TestCase("page[size]", "ten")]
    [TestCase("page[size]", "1.5")]
    [TestCase("page[size]", "")]
    [TestCase("page[size]", " 5")]
    [TestCase("page[number]", "0")]
    [TestCase("page[number]", "-2")]
    [TestCase("page[number]", "first")]
    [TestCase("page[number]", "99999999999")]
    public void Rejects_a_page_value_that_is_not_a_whole_number_from_one(string key, string value) =>
        RejectsList(key, value, ErrorCodes.InvalidPageValue);

    [TestCase("page[offset]")]
    [TestCase("page[limit]")]
    public void Rejects_an_unknown_page_parameter(string key) =>
        RejectsList(key, "1", ErrorCodes.ParamNotAllowed);

    // filters

    [TestCase("title_eq", "title", FilterPredicate.Eq)]
    [TestCase("title_not_eq", "title", FilterPredicate.NotEq)]
    [TestCase("title_in", "title", FilterPredicate.In)]
    [TestCase("title_not_in", "title", FilterPredicate.NotIn)]
    [TestCase("views_lt", "views", FilterPredicate.Lt)]
    [TestCase("views_lteq", "views", FilterPredicate.Lteq)]
    [TestCase("views_gt", "views", FilterPredicate.Gt)]
    [TestCase("views_gteq", "views", FilterPredicate.Gteq)]
    [TestCase("title_cont", "title", FilterPredicate.Cont)]
    [TestCase("title_start", "title", FilterPredicate.Start)]
    [TestCase("title_end", "title", FilterPredicate.End)]
    [TestCase("rating_null", "rating", FilterPredicate.Null)]
    [TestCase("rating_not_null", "rating", FilterPredicate.NotNull)]
    [TestCase("title_present", "title", FilterPredicate.Present)]
    [TestCase("title_blank", "title", FilterPredicate.Blank)]
    [TestCase("published_true", "published", FilterPredicate.True)]
    [TestCase("published_false", "published", FilterPredicate.False)]
    public void Reads_every_filter_predicate(string expression, string attribute, FilterPredicate predicate)
    {
        var value = predicate switch
        {
            FilterPredicate.Lt or FilterPredicate.Lteq or FilterPredicate.Gt or FilterPredicate.Gteq => "5",
            FilterPredicate.Null or FilterPredicate.NotNull or FilterPredicate.Present or FilterPredicate.Blank
                or FilterPredicate.True or FilterPredicate.False => "true",
            _ => "hello",
        };
        var key = $"filter[q][{expression}]";
        var term = ParseList((key, value)).Filters.Single();
        Assert.That((term.Attribute.Name, term.Predicate, term.RawValue, term.Parameter), Is.EqualTo((attribute, predicate, value, key)));
    }

    [Test]
    public void Several_filters_are_all_kept()
    {
        var filters = ParseList(("filter[q][title_cont]", "a"), ("filter[q][views_gt]", "1")).Filters;
        Assert.That(filters.Select(f => f.Predicate), Is.EquivalentTo(new[] { FilterPredicate.Cont, FilterPredicate.Gt }));
    }

    [Test]
    public void The_longest_predicate_suffix_wins()
    {
        var graph = new ResourceGraphBuilder()
            .Add<Person>("people", p => p.Id, r => r.Attribute(p => p.FirstName, Can.All, name: "name").Attribute(p => p.LastName, Can.All, name: "name_not"))
            .Build();
        var people = graph.Get("people");
        var parser = new QueryParser(graph);
        var notEq = parser.Parse(Query(("filter[q][name_not_eq]", "x")), people, true).Filters.Single();
        var notNull = parser.Parse(Query(("filter[q][name_not_null]", "true")), people, true).Filters.Single();
        Assert.Multiple(() =>
        {
            Assert.That((notEq.Attribute.Name, notEq.Predicate), Is.EqualTo(("name", FilterPredicate.NotEq)));
            Assert.That((notNull.Attribute.Name, notNull.Predicate), Is.EqualTo(("name", FilterPredicate.NotNull)));
        });
    }

    [Test]
    public void A_shorter_suffix_is_tried_when_the_longer_one_names_no_attribute()
    {
        var graph = new ResourceGraphBuilder()
            .Add<Person>("people", p => p.Id, r => r.Attribute(p => p.FirstName, Can.All, name: "status_not"))
            .Build();
        var term = new QueryParser(graph).Parse(Query(("filter[q][status_not_eq]", "x")), graph.Get("people"), true).Filters.Single();
        Assert.That((term.Attribute.Name, term.Predicate), Is.EqualTo(("status_not", FilterPredicate.Eq)));
    }

    [TestCase("filter[q][word_count_eq]", "1")]
    [TestCase("filter[q][secret_eq]", "x")]
    [TestCase("filter[q][price_gt]", "1")]
    public void Rejects_a_filter_on_an_attribute_that_is_not_filterable(string key, string value) =>
        RejectsList(key, value, ErrorCodes.FilterNotAllowed);

    [TestCase("filter[q][title_like]")]
    [TestCase("filter[q][title]")]
    [TestCase("filter[q][_eq]")]
    [TestCase("filter[q][nope_eq]")]
    [TestCase("filter[q][]")]
    [TestCase("filter[q][author_eq]")]
    public void Rejects_an_unknown_predicate_or_attribute(string key) =>
        RejectsList(key, "x", ErrorCodes.InvalidFiltersSyntax);

    [TestCase("filter[q][views_eq]", "ten")]
    [TestCase("filter[q][views_gt]", "1.5")]
    [TestCase("filter[q][rating_in]", "1,x")]
    [TestCase("filter[q][views_not_in]", "")]
    [TestCase("filter[q][created_at_gt]", "yesterday")]
    [TestCase("filter[q][created_at_lt]", "2018-02-30T00:00:00Z")]
    [TestCase("filter[q][published_at_eq]", "2018-13-01")]
    [TestCase("filter[q][title_true]", "true")]
    [TestCase("filter[q][views_false]", "true")]
    [TestCase("filter[q][views_cont]", "1")]
    [TestCase("filter[q][published_start]", "t")]
    [TestCase("filter[q][published_lt]", "true")]
    [TestCase("filter[q][published_eq]", "yes")]
    [TestCase("filter[q][rating_null]", "maybe")]
    [TestCase("filter[q][title_present]", "")]
    public void Rejects_a_filter_value_that_does_not_fit_the_attribute(string key, string value) =>
        RejectsList(key, value, ErrorCodes.InvalidFiltersSyntax);

    [TestCase("filter[title]")]
    [TestCase("filter[title_eq]")]
    [TestCase("filter")]
    [TestCase("filter[q]")]
    public void Rejects_a_filter_not_in_the_q_form(string key) =>
        RejectsList(key, "x", ErrorCodes.InvalidFiltersSyntax);

    // other parameters

    [Test]
    public void Rejects_a_repeated_parameter()
    {
        var query = new QueryCollection(new Dictionary<string, StringValues> { ["sort"] = new(["title", "views"]) });
        JsonApiAssert.AtParameter(() => new QueryParser(Graph).Parse(query, Articles, true), 400, ErrorCodes.ParamNotAllowed, "sort");
    }

    [TestCase("search")]
    [TestCase("Include")]
    [TestCase("fields")]
    [TestCase("page")]
    public void Rejects_an_unknown_parameter(string key) =>
        RejectsList(key, "x", ErrorCodes.ParamNotAllowed);

    [TestCase("sort", "title")]
    [TestCase("page[number]", "1")]
    [TestCase("page[size]", "5")]
    [TestCase("filter[q][title_eq]", "x")]
    [TestCase("filter[title]", "x")]
    public void Rejects_list_only_parameters_on_a_single_resource(string key, string value)
    {
        var error = JsonApiAssert.Single(() => ParseSingle((key, value)), 400, ErrorCodes.ParamNotAllowed);
        Assert.Multiple(() =>
        {
            Assert.That(error.Source?.Parameter, Is.EqualTo(key));
            Assert.That(error.Detail, Does.Contain("only to lists"));
        });
    }
}
