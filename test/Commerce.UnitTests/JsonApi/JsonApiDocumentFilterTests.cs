using Commerce.JsonApi.OpenApi;
using Commerce.JsonApi.Resources;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Commerce.UnitTests.JsonApi;

/// <summary>The generic OpenAPI description of a resource graph, on the blog graph (nothing commerce in it).</summary>
public class JsonApiDocumentFilterTests
{
    private static OpenApiDocument Describe(ResourceGraph graph)
    {
        var document = new OpenApiDocument { Info = new OpenApiInfo { Title = "blog", Version = "1" }, Paths = [] };
        new JsonApiDocumentFilter(graph).Apply(document, new DocumentFilterContext([], null!, new SchemaRepository()));
        return document;
    }

    [Test]
    public void Attributes_are_split_by_capability()
    {
        var schemas = Describe(BlogGraph.Build()).Components!.Schemas!;

        Assert.Multiple(() =>
        {
            Assert.That(schemas["articles_attributes"].Properties!.Keys, Does.Contain("word_count").And.Contain("views").And.Not.Contain("secret"));
            Assert.That(schemas["articles_create_attributes"].Properties!.Keys, Does.Contain("title").And.Contain("secret").And.Not.Contain("views").And.Not.Contain("word_count"));
            Assert.That(schemas["articles_update_attributes"].Properties!.Keys, Does.Contain("views").And.Contain("secret"));
            Assert.That(schemas["articles_create_attributes"].Properties!["secret"].WriteOnly, Is.True);
            Assert.That(schemas["articles_create_attributes"].Properties!.Keys, Does.Contain("_draft").And.Not.Contain("_publish"));
            Assert.That(schemas["articles_update_attributes"].Properties!["_publish"].WriteOnly, Is.True);
            Assert.That(schemas["articles_update_attributes"].Properties!["_publish"].Description, Does.Contain("Publishes the article."));
            Assert.That(schemas["articles_attributes"].Properties!.Keys, Does.Not.Contain("_publish"));
            Assert.That(schemas["articles_attributes"].Properties!["rating"].Type, Is.EqualTo(JsonSchemaType.Integer | JsonSchemaType.Null));
            Assert.That(schemas["articles_attributes"].Properties!["views"].Type, Is.EqualTo(JsonSchemaType.Integer));
            Assert.That(schemas["articles_attributes"].Properties!["published_at"].Format, Is.EqualTo("date-time"));
        });
    }

    [Test]
    public void Relationships_carry_their_target_types_polymorphic_ones_included()
    {
        var document = Describe(BlogGraph.Build());
        var schemas = document.Components!.Schemas!;

        Assert.Multiple(() =>
        {
            Assert.That(schemas["people_or_organizations_identifier"].Properties!["type"].Enum!.Select(e => e.ToString()), Is.EqualTo(new[] { "people", "organizations" }));
            Assert.That(schemas["articles_relationships"].Properties!.Keys, Is.SupersetOf(new[] { "author", "comments", "subject", "tags" }));
            Assert.That(schemas["articles_create_relationships"].Properties!.Keys, Does.Contain("comments").And.Contain("subject").And.Not.Contain("tags"));
            Assert.That(schemas["articles_update_relationships"].Properties!.Keys, Does.Not.Contain("comments"));
            Assert.That(document.Paths.Keys, Is.SupersetOf(new[]
            {
                "/api/articles", "/api/articles/{id}", "/api/articles/{id}/subject", "/api/articles/{id}/relationships/comments", "/api/articles/{id}/tags",
            }));
        });
    }

    [Test]
    public void Lists_take_include_fields_sort_page_and_the_filterable_predicates()
    {
        var document = Describe(BlogGraph.Build());
        var list = document.Paths["/api/articles"].Operations![HttpMethod.Get];
        var filter = document.Components!.Schemas!["articles_filter"].Properties!.Keys;

        Assert.Multiple(() =>
        {
            Assert.That(list.Parameters!.Select(p => p.Name), Is.SupersetOf(new[] { "include", "fields[articles]", "fields[people]", "sort", "page[number]", "page[size]", "filter[q]" }));
            Assert.That(list.Parameters!.Single(p => p.Name == "filter[q]").Style, Is.EqualTo(ParameterStyle.DeepObject));
            Assert.That(list.Parameters!.Single(p => p.Name == "sort").Description, Does.Contain("published").And.Contain("price").And.Not.Contain("body"));
            Assert.That(filter, Does.Contain("title_cont").And.Contain("published_true").And.Contain("views_gteq"));
            Assert.That(filter, Does.Not.Contain("published_gt").And.Not.Contain("views_cont").And.Not.Contain("price_eq"));
            Assert.That(list.Responses!.Keys, Is.SupersetOf(new[] { "200", "400", "403", "406", "500" }));
            Assert.That(list.Responses["200"].Content!.Keys, Is.EqualTo(new[] { "application/vnd.api+json" }));
        });
    }
}
