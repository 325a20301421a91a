using System.Text;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Resources;

namespace Commerce.UnitTests.JsonApi;

public sealed class ResourceGraphTests
{
    private static readonly ResourceGraph Graph = BlogGraph.Build();

    [Test]
    public void Member_names_default_to_snake_case()
    {
        var articles = Graph.Get("articles");
        Assert.Multiple(() =>
        {
            Assert.That(articles.FindAttribute("created_at"), Is.Not.Null);
            Assert.That(articles.FindAttribute("CreatedAt"), Is.Null);
            Assert.That(Graph.Get("people").FindAttribute("first_name"), Is.Not.Null);
        });
    }

    [Test]
    public void Capabilities_are_declared_per_field()
    {
        var articles = Graph.Get("articles");
        Assert.Multiple(() =>
        {
            Assert.That(articles.FindAttribute("views")!.Allows(Can.Change), Is.True);
            Assert.That(articles.FindAttribute("views")!.Allows(Can.Create), Is.False);
            Assert.That(articles.FindAttribute("views")!.Allows(Can.Write), Is.False);
            Assert.That(articles.FindAttribute("word_count")!.Capabilities, Is.EqualTo(Can.Read));
            Assert.That(articles.FindAttribute("secret")!.Allows(Can.Read), Is.False);
            Assert.That(articles.FindRelationship("comments")!.Allows(Can.Read | Can.Create), Is.True);
            Assert.That(articles.FindRelationship("tags")!.Allows(Can.Create), Is.False);
        });
    }

    [Test]
    public void Relationships_know_their_kind_targets_and_inverse_key()
    {
        var articles = Graph.Get("articles");
        Assert.Multiple(() =>
        {
            Assert.That(articles.FindRelationship("author")!.Kind, Is.EqualTo(RelationshipKind.ToOne));
            Assert.That(articles.FindRelationship("subject")!.IsPolymorphic, Is.True);
            Assert.That(articles.FindRelationship("comments")!.InverseForeignKey, Is.Not.Null);
            Assert.That(articles.FindRelationship("tags")!.IsNavigation, Is.False);
        });
    }

    [Test]
    public void Resolves_a_resource_by_its_object_and_rejects_unknown_objects()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Graph.ForObject(new Comment()).PublicName, Is.EqualTo("comments"));
            Assert.That(() => Graph.ForObject("not a resource"), Throws.InvalidOperationException);
            Assert.That(Graph.Find("blogs"), Is.Null);
            Assert.That(() => Graph.Get("blogs"), Throws.InvalidOperationException);
        });
    }

    [Test]
    public void Refuses_a_relationship_to_an_unknown_type() =>
        Assert.That(() => new ResourceGraphBuilder().Add<Article>("articles", a => a.Id, r => r.ToOne(a => a.Author, "people")).Build(),
            Throws.InvalidOperationException);

    [Test]
    public void Refuses_a_field_declared_twice_or_a_reserved_name()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new ResourceGraphBuilder().Add<Person>("people", p => p.Id, r => r
                .Attribute(p => p.FirstName, Can.All).Attribute(p => p.LastName, Can.All, name: "first_name")), Throws.InvalidOperationException);
            Assert.That(() => new ResourceGraphBuilder().Add<Person>("people", p => p.Id, r => r
                .Attribute(p => p.FirstName, Can.All, name: "type")), Throws.InvalidOperationException);
            Assert.That(() => new ResourceGraphBuilder().Add<Person>("people", p => p.Id, r => r
                .Attribute(p => p.FirstName, Can.All, name: "id")), Throws.InvalidOperationException);
        });
    }

    [Test]
    public void Refuses_a_trigger_whose_name_does_not_start_with_an_underscore() =>
        Assert.That(() => new ResourceGraphBuilder().Add<Person>("people", p => p.Id, r => r.Trigger<bool>("publish", "x")),
            Throws.ArgumentException);

    [Test]
    public void A_settable_attribute_is_applied_and_a_computed_one_is_not()
    {
        var articles = Graph.Get("articles");
        var article = new Article();
        Assert.Multiple(() =>
        {
            Assert.That(articles.FindAttribute("title")!.TrySetValue(article, "Set"), Is.True);
            Assert.That(article.Title, Is.EqualTo("Set"));
            Assert.That(articles.FindAttribute("word_count")!.TrySetValue(article, 3), Is.False);
            Assert.That(articles.FindAttribute("created_at")!.TrySetValue(article, DateTimeOffset.UnixEpoch), Is.False);
        });
    }

    [Test]
    public async Task Resource_input_applies_settable_attributes_and_requires_what_was_not_sent()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("""{"data":{"type":"articles","attributes":{"title":"T","body":null,"secret":"s"}}}"""));
        var reader = new DocumentReader(Graph);
        using var document = await reader.ParseAsync(stream, CancellationToken.None);
        var input = reader.Read(document.RootElement, Graph.Get("articles"), WriteOperation.Create, null);
        var article = new Article { Body = "old" };
        input.ApplySettableAttributes(article);
        var errors = Assert.Throws<JsonApiException>(() => input.Require("title", "body", "rating"))!.Errors;
        Assert.Multiple(() =>
        {
            Assert.That(article.Title, Is.EqualTo("T"));
            Assert.That(article.Body, Is.Null);
            Assert.That(article.Secret, Is.Empty);
            Assert.That(errors.Select(e => (e.Status, e.Code, e.Source!.Pointer)), Is.EqualTo(new[]
            {
                (422, ErrorCodes.ValidationError, "/data/attributes/body"),
                (422, ErrorCodes.ValidationError, "/data/attributes/rating"),
            }));
        });
    }

    [TestCase(new[] { 422, 422 }, 422)]
    [TestCase(new[] { 422, 409 }, 400)]
    [TestCase(new[] { 404 }, 404)]
    [TestCase(new[] { 500, 502 }, 500)]
    public void An_exception_answers_with_the_shared_status_or_its_class(int[] statuses, int expected)
    {
        var exception = new JsonApiException([.. statuses.Select(s => new ErrorObject(s, "X", "t", "d"))]);
        Assert.That(exception.Status, Is.EqualTo(expected));
    }

    [Test]
    public void An_exception_needs_at_least_one_error() =>
        Assert.That(() => new JsonApiException([]), Throws.ArgumentException);
}
