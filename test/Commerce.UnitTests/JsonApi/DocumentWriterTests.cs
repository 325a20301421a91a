using System.Buffers;
using System.Text.Json;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Queries;
using Commerce.JsonApi.Resources;
using Microsoft.AspNetCore.Http;

namespace Commerce.UnitTests.JsonApi;

public sealed class DocumentWriterTests
{
    private static readonly ResourceGraph Graph = BlogGraph.Build();

    // The compound document example of the JSON:API specification.
    private Person _dan = null!;
    private Person _dgeb = null!;
    private Comment _first = null!;
    private Comment _xml = null!;
    private Article _article = null!;

    [SetUp]
    public void CreateResources()
    {
        _dan = new Person { Id = "9", FirstName = "Dan", LastName = "Gebhardt", Twitter = "dgeb" };
        _dgeb = new Person { Id = "2", FirstName = "Ann", LastName = "Other" };
        _first = new Comment { Id = "5", Body = "First!", ArticleId = "1", Author = _dgeb };
        _xml = new Comment { Id = "12", Body = "I like XML better", ArticleId = "1", Author = _dan };
        _article = new Article
        {
            Id = "1", Title = "JSON:API paints my bikeshed!", Body = "The shortest article. Ever.", Published = true, Views = 3,
            CreatedAt = new DateTimeOffset(2018, 2, 1, 13, 0, 0, TimeSpan.FromHours(1)), Secret = "hidden",
            Author = _dan, Comments = [_first, _xml],
        };
        _dan.Articles = [_article];
    }

    private sealed class NoServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }

    private static HttpRequest Request(string path, string query = "")
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("example.com");
        context.Request.Path = path;
        context.Request.QueryString = query.Length == 0 ? QueryString.Empty : new QueryString("?" + query);
        return context.Request;
    }

    private static QueryModel Parse(HttpRequest request, string type, bool isCollection) =>
        new QueryParser(Graph).Parse(request.Query, Graph.Get(type), isCollection);

    private static JsonDocument Render(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            write(writer);
        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    private static JsonDocument Single(object? primary, string query = "")
    {
        var request = Request("/api/articles/1", query);
        var model = Parse(request, "articles", false);
        var included = new IncludeLoader(Graph).LoadAsync(primary is null ? [] : [primary], model.Include, new NoServices(), CancellationToken.None)
            .GetAwaiter().GetResult();
        return Render(w => new DocumentWriter(Graph).WriteSingle(w, primary, included, model, new LinkBuilder(request, Graph.Options.BasePath)));
    }

    private static JsonDocument Collection(IReadOnlyList<object> primary, int recordCount, string query = "")
    {
        var request = Request("/api/articles", query);
        var model = Parse(request, "articles", true);
        var included = new IncludeLoader(Graph).LoadAsync(primary, model.Include, new NoServices(), CancellationToken.None).GetAwaiter().GetResult();
        return Render(w => new DocumentWriter(Graph).WriteCollection(w, primary, included, model, new LinkBuilder(request, Graph.Options.BasePath),
            new PageInfo(recordCount, model.PageNumber, model.PageSize)));
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static string[] Keys(JsonElement resources) =>
        [.. resources.EnumerateArray().Select(r => $"{r.GetProperty("type").GetString()}:{r.GetProperty("id").GetString()}")];

    private static JsonElement Included(JsonDocument document, string type, string id) =>
        document.RootElement.GetProperty("included").EnumerateArray()
            .Single(r => r.GetProperty("type").GetString() == type && r.GetProperty("id").GetString() == id);

    // single resources

    [Test]
    public void Writes_a_single_resource_with_readable_attributes_only()
    {
        using var document = Single(_article);
        var data = document.RootElement.GetProperty("data");
        Assert.Multiple(() =>
        {
            Assert.That(data.GetProperty("type").GetString(), Is.EqualTo("articles"));
            Assert.That(data.GetProperty("id").GetString(), Is.EqualTo("1"));
            Assert.That(Names(data.GetProperty("attributes")), Is.EquivalentTo(new[]
                { "title", "body", "published", "featured", "views", "rating", "price", "created_at", "published_at", "word_count" }));
            Assert.That(data.GetProperty("attributes").GetProperty("title").GetString(), Is.EqualTo("JSON:API paints my bikeshed!"));
            Assert.That(data.GetProperty("attributes").GetProperty("word_count").GetInt32(), Is.EqualTo(4));
            Assert.That(data.GetProperty("attributes").GetProperty("rating").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(Names(data.GetProperty("relationships")), Is.EquivalentTo(new[] { "author", "comments", "subject", "tags" }));
            Assert.That(document.RootElement.TryGetProperty("included", out _), Is.False);
            Assert.That(document.RootElement.GetProperty("jsonapi").GetProperty("version").GetString(), Is.EqualTo("1.1"));
        });
    }

    [Test]
    public void Writes_null_primary_data() =>
        Assert.That(Single(null).RootElement.GetProperty("data").ValueKind, Is.EqualTo(JsonValueKind.Null));

    [Test]
    public void Every_resource_and_relationship_has_its_links()
    {
        using var document = Single(_article, "include=author");
        var data = document.RootElement.GetProperty("data");
        var author = data.GetProperty("relationships").GetProperty("author").GetProperty("links");
        Assert.Multiple(() =>
        {
            Assert.That(document.RootElement.GetProperty("links").GetProperty("self").GetString(), Is.EqualTo("https://example.com/api/articles/1?include=author"));
            Assert.That(data.GetProperty("links").GetProperty("self").GetString(), Is.EqualTo("https://example.com/api/articles/1"));
            Assert.That(author.GetProperty("self").GetString(), Is.EqualTo("https://example.com/api/articles/1/relationships/author"));
            Assert.That(author.GetProperty("related").GetString(), Is.EqualTo("https://example.com/api/articles/1/author"));
            Assert.That(Included(document, "people", "9").GetProperty("links").GetProperty("self").GetString(), Is.EqualTo("https://example.com/api/people/9"));
        });
    }

    [Test]
    public void Escapes_ids_in_links()
    {
        _article.Id = "a b/c";
        using var document = Single(_article);
        Assert.That(document.RootElement.GetProperty("data").GetProperty("links").GetProperty("self").GetString(),
            Is.EqualTo("https://example.com/api/articles/a%20b%2Fc"));
    }

    [Test]
    public void Writes_timestamps_in_utc_with_milliseconds()
    {
        _article.PublishedAt = new DateTimeOffset(2018, 2, 1, 7, 0, 0, 250, TimeSpan.FromHours(-5));
        using var document = Single(_article);
        var attributes = document.RootElement.GetProperty("data").GetProperty("attributes");
        Assert.Multiple(() =>
        {
            Assert.That(attributes.GetProperty("created_at").GetString(), Is.EqualTo("2018-02-01T12:00:00.000Z"));
            Assert.That(attributes.GetProperty("published_at").GetString(), Is.EqualTo("2018-02-01T12:00:00.250Z"));
        });
    }

    [Test]
    public void Without_include_relationships_carry_no_data()
    {
        using var document = Single(_article);
        var relationships = document.RootElement.GetProperty("data").GetProperty("relationships");
        Assert.That(relationships.EnumerateObject().Select(r => r.Value.TryGetProperty("data", out _)), Is.Not.Empty.And.All.False);
    }

    // compound documents

    [Test]
    public void A_compound_document_includes_each_resource_once_with_full_linkage()
    {
        using var document = Single(_article, "include=author,comments.author");
        var relationships = document.RootElement.GetProperty("data").GetProperty("relationships");
        Assert.Multiple(() =>
        {
            Assert.That(Keys(document.RootElement.GetProperty("included")), Is.EquivalentTo(new[] { "people:9", "comments:5", "comments:12", "people:2" }));
            Assert.That(relationships.GetProperty("author").GetProperty("data").GetProperty("id").GetString(), Is.EqualTo("9"));
            Assert.That(Keys(relationships.GetProperty("comments").GetProperty("data")), Is.EqualTo(new[] { "comments:5", "comments:12" }));
            Assert.That(relationships.GetProperty("subject").TryGetProperty("data", out _), Is.False);
            Assert.That(Included(document, "comments", "5").GetProperty("relationships").GetProperty("author").GetProperty("data").GetProperty("id").GetString(),
                Is.EqualTo("2"));
            Assert.That(Included(document, "comments", "12").GetProperty("relationships").GetProperty("author").GetProperty("data").GetProperty("id").GetString(),
                Is.EqualTo("9"));
            Assert.That(Included(document, "people", "9").GetProperty("relationships").GetProperty("articles").TryGetProperty("data", out _), Is.False);
        });
    }

    [Test]
    public void The_primary_resource_is_never_repeated_in_included()
    {
        using var document = Single(_article, "include=author.articles");
        Assert.Multiple(() =>
        {
            Assert.That(Keys(document.RootElement.GetProperty("included")), Is.EqualTo(new[] { "people:9" }));
            Assert.That(Keys(Included(document, "people", "9").GetProperty("relationships").GetProperty("articles").GetProperty("data")),
                Is.EqualTo(new[] { "articles:1" }));
        });
    }

    [Test]
    public void Primary_resources_of_a_list_are_not_repeated_in_included_and_shared_ones_appear_once()
    {
        var second = new Article { Id = "2", Title = "Second", Author = _dan };
        _dan.Articles = [_article, second];
        using var document = Collection([_article, second], 2, "include=author.articles");
        Assert.That(Keys(document.RootElement.GetProperty("included")), Is.EqualTo(new[] { "people:9" }));
    }

    [Test]
    public void An_empty_to_one_is_null_and_an_empty_to_many_is_an_empty_array_when_included()
    {
        _article.Author = null;
        _article.Comments = [];
        using var document = Single(_article, "include=author,comments");
        var relationships = document.RootElement.GetProperty("data").GetProperty("relationships");
        Assert.Multiple(() =>
        {
            Assert.That(relationships.GetProperty("author").GetProperty("data").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(relationships.GetProperty("comments").GetProperty("data").GetArrayLength(), Is.Zero);
            Assert.That(document.RootElement.GetProperty("included").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public void A_polymorphic_relationship_is_linked_with_the_type_of_its_target()
    {
        _article.Subject = new Organization { Id = "o1", Name = "JSON:API" };
        using var document = Single(_article, "include=subject");
        var linkage = document.RootElement.GetProperty("data").GetProperty("relationships").GetProperty("subject").GetProperty("data");
        Assert.Multiple(() =>
        {
            Assert.That(linkage.GetProperty("type").GetString(), Is.EqualTo("organizations"));
            Assert.That(Keys(document.RootElement.GetProperty("included")), Is.EqualTo(new[] { "organizations:o1" }));
        });
    }

    [Test]
    public void A_loader_relationship_is_included_from_its_loader()
    {
        using var document = Single(_article, "include=tags");
        Assert.Multiple(() =>
        {
            Assert.That(Keys(document.RootElement.GetProperty("included")), Is.EqualTo(new[] { "tags:t1" }));
            Assert.That(Keys(document.RootElement.GetProperty("data").GetProperty("relationships").GetProperty("tags").GetProperty("data")),
                Is.EqualTo(new[] { "tags:t1" }));
        });
    }

    // No-tracking queries return one object per occurrence: the same person may come as two instances.
    [Test]
    public void Linkage_reaches_the_included_copy_when_the_same_resource_is_loaded_twice()
    {
        var other = new Article { Id = "2", Title = "Another" };
        var danAgain = new Person { Id = "9", FirstName = "Dan", LastName = "Gebhardt", Articles = [new Article { Id = "1" }, other] };
        _xml.Author = danAgain;
        _article.Comments = [_xml];
        using var document = Single(_article, "include=author,comments.author.articles");
        var linkedFromIncluded = document.RootElement.GetProperty("included").EnumerateArray()
            .SelectMany(r => r.TryGetProperty("relationships", out var rs) ? rs.EnumerateObject() : Enumerable.Empty<JsonProperty>())
            .Where(r => r.Value.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Array)
            .SelectMany(r => Keys(r.Value.GetProperty("data")));
        Assert.Multiple(() =>
        {
            Assert.That(Keys(document.RootElement.GetProperty("included")), Is.EquivalentTo(new[] { "people:9", "comments:12", "articles:2" }));
            Assert.That(Keys(Included(document, "people", "9").GetProperty("relationships").GetProperty("articles").GetProperty("data")),
                Is.EqualTo(new[] { "articles:1", "articles:2" }));
            Assert.That(linkedFromIncluded, Does.Contain("articles:2"), "every included resource must be linked from the document");
        });
    }

    // sparse fieldsets

    [Test]
    public void Sparse_fieldsets_keep_only_the_listed_attributes_and_relationships()
    {
        using var document = Single(_article, "include=author&fields[articles]=title,author&fields[people]=first_name");
        var data = document.RootElement.GetProperty("data");
        var person = Included(document, "people", "9");
        Assert.Multiple(() =>
        {
            Assert.That(Names(data.GetProperty("attributes")), Is.EqualTo(new[] { "title" }));
            Assert.That(Names(data.GetProperty("relationships")), Is.EqualTo(new[] { "author" }));
            Assert.That(data.GetProperty("relationships").GetProperty("author").GetProperty("data").GetProperty("id").GetString(), Is.EqualTo("9"));
            Assert.That(Names(person.GetProperty("attributes")), Is.EqualTo(new[] { "first_name" }));
            Assert.That(person.TryGetProperty("relationships", out _), Is.False);
            Assert.That(person.GetProperty("links").GetProperty("self").GetString(), Is.EqualTo("https://example.com/api/people/9"));
        });
    }

    [Test]
    public void A_fieldset_of_only_relationships_leaves_attributes_empty()
    {
        using var document = Single(_article, "fields[articles]=comments");
        var data = document.RootElement.GetProperty("data");
        Assert.Multiple(() =>
        {
            Assert.That(Names(data.GetProperty("attributes")), Is.Empty);
            Assert.That(Names(data.GetProperty("relationships")), Is.EqualTo(new[] { "comments" }));
        });
    }

    // collections and pagination

    private static IReadOnlyList<object> Articles(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new Article { Id = $"{i}", Title = $"Article {i}" })];

    private static string? Link(JsonDocument document, string name) =>
        document.RootElement.GetProperty("links").TryGetProperty(name, out var link) ? link.GetString() : null;

    [Test]
    public void A_collection_carries_record_and_page_counts()
    {
        using var document = Collection(Articles(2), 5, "page[size]=2");
        Assert.Multiple(() =>
        {
            Assert.That(Keys(document.RootElement.GetProperty("data")), Is.EqualTo(new[] { "articles:1", "articles:2" }));
            Assert.That(document.RootElement.GetProperty("meta").GetProperty("record_count").GetInt32(), Is.EqualTo(5));
            Assert.That(document.RootElement.GetProperty("meta").GetProperty("page_count").GetInt32(), Is.EqualTo(3));
            Assert.That(document.RootElement.TryGetProperty("included", out _), Is.False);
        });
    }

    [Test]
    public void The_first_page_has_no_prev_link()
    {
        using var document = Collection(Articles(2), 5, "page[size]=2&sort=title");
        Assert.Multiple(() =>
        {
            Assert.That(Link(document, "self"), Is.EqualTo("https://example.com/api/articles?page[size]=2&sort=title"));
            Assert.That(Link(document, "first"), Is.EqualTo("https://example.com/api/articles?sort=title&page%5Bnumber%5D=1&page%5Bsize%5D=2"));
            Assert.That(Link(document, "prev"), Is.Null);
            Assert.That(Link(document, "next"), Is.EqualTo("https://example.com/api/articles?sort=title&page%5Bnumber%5D=2&page%5Bsize%5D=2"));
            Assert.That(Link(document, "last"), Is.EqualTo("https://example.com/api/articles?sort=title&page%5Bnumber%5D=3&page%5Bsize%5D=2"));
        });
    }

    [Test]
    public void A_middle_page_has_prev_and_next_links()
    {
        using var document = Collection(Articles(2), 5, "page[number]=2&page[size]=2");
        Assert.Multiple(() =>
        {
            Assert.That(Link(document, "prev"), Does.EndWith("?page%5Bnumber%5D=1&page%5Bsize%5D=2"));
            Assert.That(Link(document, "next"), Does.EndWith("?page%5Bnumber%5D=3&page%5Bsize%5D=2"));
        });
    }

    [Test]
    public void The_last_page_has_no_next_link()
    {
        using var document = Collection(Articles(1), 5, "page[number]=3&page[size]=2");
        Assert.Multiple(() =>
        {
            Assert.That(Link(document, "prev"), Does.EndWith("?page%5Bnumber%5D=2&page%5Bsize%5D=2"));
            Assert.That(Link(document, "next"), Is.Null);
            Assert.That(Link(document, "last"), Does.EndWith("?page%5Bnumber%5D=3&page%5Bsize%5D=2"));
        });
    }

    [Test]
    public void Page_links_leave_out_the_page_size_when_the_client_gave_none()
    {
        using var document = Collection(Articles(10), 15);
        Assert.Multiple(() =>
        {
            Assert.That(Link(document, "next"), Is.EqualTo("https://example.com/api/articles?page%5Bnumber%5D=2"));
            Assert.That(document.RootElement.GetProperty("meta").GetProperty("page_count").GetInt32(), Is.EqualTo(2));
        });
    }

    [Test]
    public void An_empty_collection_has_zero_pages_and_links_to_page_one()
    {
        using var document = Collection([], 0);
        Assert.Multiple(() =>
        {
            Assert.That(document.RootElement.GetProperty("data").GetArrayLength(), Is.Zero);
            Assert.That(document.RootElement.GetProperty("meta").GetProperty("record_count").GetInt32(), Is.Zero);
            Assert.That(document.RootElement.GetProperty("meta").GetProperty("page_count").GetInt32(), Is.Zero);
            Assert.That(Link(document, "first"), Does.EndWith("?page%5Bnumber%5D=1"));
            Assert.That(Link(document, "last"), Does.EndWith("?page%5Bnumber%5D=1"));
            Assert.That(Link(document, "prev"), Is.Null);
            Assert.That(Link(document, "next"), Is.Null);
        });
    }

    [Test]
    public void A_page_past_the_end_links_back_to_the_last_page()
    {
        using var document = Collection([], 5, "page[number]=9&page[size]=2");
        Assert.Multiple(() =>
        {
            Assert.That(Link(document, "prev"), Does.EndWith("?page%5Bnumber%5D=3&page%5Bsize%5D=2"));
            Assert.That(Link(document, "next"), Is.Null);
        });
    }

    [Test]
    public void Writes_the_linkage_document_of_a_relationship()
    {
        var request = Request("/api/articles/1/relationships/comments");
        var comments = Graph.Get("articles").FindRelationship("comments")!;
        using var document = Render(w => new DocumentWriter(Graph).WriteLinkage(w, comments, [_first, _xml], "articles", "1",
            new LinkBuilder(request, "/api"), new PageInfo(2, 1, 10), QueryModel.Empty));
        Assert.Multiple(() =>
        {
            Assert.That(document.RootElement.GetProperty("data").EnumerateArray().Select(Names), Is.Not.Empty.And.All.EquivalentTo(new[] { "type", "id" }));
            Assert.That(Keys(document.RootElement.GetProperty("data")), Is.EqualTo(new[] { "comments:5", "comments:12" }));
            Assert.That(Link(document, "self"), Is.EqualTo("https://example.com/api/articles/1/relationships/comments"));
            Assert.That(Link(document, "related"), Is.EqualTo("https://example.com/api/articles/1/comments"));
            Assert.That(document.RootElement.GetProperty("meta").GetProperty("record_count").GetInt32(), Is.EqualTo(2));
        });
    }

    // errors

    [Test]
    public void Writes_an_errors_document()
    {
        ErrorObject[] errors =
        [
            new(422, ErrorCodes.ValidationError, "Unprocessable entity", "title can't be blank.", ErrorSource.AtPointer("/data/attributes/title"))
                { Meta = new Dictionary<string, object?> { ["error"] = "blank", ["count"] = 2 } },
            new(400, ErrorCodes.InvalidInclude, "Invalid query parameter", "bad include", ErrorSource.AtParameter("include")),
            new(406, ErrorCodes.NotAcceptable, "Not acceptable", "no", ErrorSource.AtHeader("Accept")),
            new(500, ErrorCodes.InternalServerError, "Internal server error", "oops"),
        ];
        using var document = Render(w => DocumentWriter.WriteErrors(w, errors));
        var written = document.RootElement.GetProperty("errors").EnumerateArray().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(Names(document.RootElement), Is.EquivalentTo(new[] { "errors", "jsonapi" }));
            Assert.That(written.Select(e => e.GetProperty("status").ValueKind), Is.Not.Empty.And.All.EqualTo(JsonValueKind.String));
            Assert.That(written.Select(e => e.GetProperty("status").GetString()), Is.EqualTo(new[] { "422", "400", "406", "500" }));
            Assert.That(written[0].GetProperty("code").GetString(), Is.EqualTo("VALIDATION_ERROR"));
            Assert.That(written[0].GetProperty("title").GetString(), Is.EqualTo("Unprocessable entity"));
            Assert.That(written[0].GetProperty("detail").GetString(), Is.EqualTo("title can't be blank."));
            Assert.That(Names(written[0].GetProperty("source")), Is.EqualTo(new[] { "pointer" }));
            Assert.That(written[0].GetProperty("source").GetProperty("pointer").GetString(), Is.EqualTo("/data/attributes/title"));
            Assert.That(written[0].GetProperty("meta").GetProperty("error").GetString(), Is.EqualTo("blank"));
            Assert.That(written[0].GetProperty("meta").GetProperty("count").GetInt32(), Is.EqualTo(2));
            Assert.That(Names(written[1].GetProperty("source")), Is.EqualTo(new[] { "parameter" }));
            Assert.That(written[1].GetProperty("source").GetProperty("parameter").GetString(), Is.EqualTo("include"));
            Assert.That(written[1].TryGetProperty("meta", out _), Is.False);
            Assert.That(written[2].GetProperty("source").GetProperty("header").GetString(), Is.EqualTo("Accept"));
            Assert.That(written[3].TryGetProperty("source", out _), Is.False);
        });
    }
}
