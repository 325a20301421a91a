using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Resources;

namespace Commerce.UnitTests.JsonApi;

// A small resource graph after the examples of the JSON:API specification: articles, people, comments,
// plus a polymorphic "subject" (a person or an organization) and a loader-backed "tags" relationship.
public sealed class Article
{
    public string Id { get; set; } = "";
    public string? Title { get; set; }
    public string? Body { get; set; }
    public bool Published { get; set; }
    public bool? Featured { get; set; }
    public int Views { get; set; }
    public int? Rating { get; set; }
    public decimal Price { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string Secret { get; set; } = "";
    public Person? Author { get; set; }
    public List<Comment> Comments { get; set; } = [];
    public object? Subject { get; set; }
}

public sealed class Person
{
    public string Id { get; set; } = "";
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string? Twitter { get; set; }
    public List<Article> Articles { get; set; } = [];
}

public sealed class Comment
{
    public string Id { get; set; } = "";
    public string Body { get; set; } = "";
    public string? ArticleId { get; set; }
    public Person? Author { get; set; }
}

public sealed class Organization
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
}

public sealed class Tag
{
    public string Id { get; set; } = "";
    public string Label { get; set; } = "";
    public List<Article> Articles { get; set; } = [];
}

public static class BlogGraph
{
    public static readonly IReadOnlyList<Tag> LoadedTags = [new Tag { Id = "t1", Label = "json" }];

    public static ResourceGraph Build(Action<JsonApiOptions>? configure = null)
    {
        var builder = new ResourceGraphBuilder();
        configure?.Invoke(builder.Options);
        builder.Add<Article>("articles", a => a.Id, r => r
            .Attribute(a => a.Title, Can.All)
            .Attribute(a => a.Body, Can.Read | Can.Write | Can.Filter)
            .Attribute(a => a.Published, Can.Read | Can.Filter | Can.Sort)
            .Attribute(a => a.Featured, Can.All)
            .Attribute(a => a.Views, Can.Read | Can.Change | Can.Query)
            .Attribute(a => a.Rating, Can.All)
            .Attribute(a => a.Price, Can.Read | Can.Write | Can.Sort)
            .Attribute(a => a.CreatedAt, Can.Read | Can.Query)
            .Attribute(a => a.PublishedAt, Can.All)
            .Computed("word_count", a => (a.Body ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Length)
            .WriteOnly<string>("secret", Can.Write)
            .ToOne(a => a.Author, "people", Can.Read | Can.Write)
            .ToMany(a => a.Comments, "comments", c => c.ArticleId, Can.Read | Can.Create)
            .ToOne(a => a.Subject, ["people", "organizations"], Can.Read | Can.Write)
            .Loaded("tags", RelationshipKind.ToMany, "tags",
                (_, _, _) => Task.FromResult<IReadOnlyList<object>>([.. LoadedTags]))
            .Trigger<bool>("_publish", "Publishes the article.")
            .Trigger<bool>("_draft", "Creates the article as a draft.", onCreate: true)
            .DefaultSort(a => a.CreatedAt, descending: true));
        builder.Add<Person>("people", p => p.Id, r => r
            .Attribute(p => p.FirstName, Can.All)
            .Attribute(p => p.LastName, Can.All)
            .Attribute(p => p.Twitter, Can.Read | Can.Write)
            .ToMany(p => p.Articles, "articles", a => a.Author!.Id));
        builder.Add<Comment>("comments", c => c.Id, r => r
            .Attribute(c => c.Body, Can.All)
            .ToOne(c => c.Author, "people"));
        builder.Add<Organization>("organizations", o => o.Id, r => r
            .Attribute(o => o.Name, Can.All));
        builder.Add<Tag>("tags", t => t.Id, r => r
            .Attribute(t => t.Label, Can.All)
            .ToMany(t => t.Articles, "articles", a => a.Id));
        return builder.Build();
    }
}

/// <summary>Assertions on the errors of a <see cref="JsonApiException"/>.</summary>
public static class JsonApiAssert
{
    public static ErrorObject Single(Action action, int status, string code)
    {
        var exception = Assert.Throws<JsonApiException>(action)!;
        Assert.That(exception.Errors, Has.Count.EqualTo(1), () => string.Join("; ", exception.Errors.Select(e => e.Detail)));
        var error = exception.Errors[0];
        Assert.Multiple(() =>
        {
            Assert.That(error.Status, Is.EqualTo(status), error.Detail);
            Assert.That(error.Code, Is.EqualTo(code), error.Detail);
            Assert.That(exception.Status, Is.EqualTo(status));
        });
        return error;
    }

    public static void AtParameter(Action action, int status, string code, string parameter)
    {
        var error = Single(action, status, code);
        Assert.That(error.Source?.Parameter, Is.EqualTo(parameter), error.Detail);
    }

    public static void AtPointer(Action action, int status, string code, string pointer)
    {
        var error = Single(action, status, code);
        Assert.That(error.Source?.Pointer, Is.EqualTo(pointer), error.Detail);
    }
}
