using System.Text;
using System.Text.Json;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Resources;

namespace Commerce.UnitTests.JsonApi;

public sealed class DocumentReaderTests
{
    private static readonly ResourceGraph Graph = BlogGraph.Build();
    private static readonly ResourceDefinition Articles = Graph.Get("articles");

    private static async Task<JsonDocument> ParseAsync(string json, ResourceGraph? graph = null)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return await new DocumentReader(graph ?? Graph).ParseAsync(stream, CancellationToken.None);
    }

    private static async Task<ResourceInput> ReadAsync(string json, WriteOperation operation = WriteOperation.Create, string? urlId = null)
    {
        using var document = await ParseAsync(json);
        return new DocumentReader(Graph).Read(document.RootElement, Articles, operation, urlId);
    }

    private static ResourceInput Create(string json) => ReadAsync(json).GetAwaiter().GetResult();

    private static ResourceInput Update(string json, string urlId = "1") => ReadAsync(json, WriteOperation.Update, urlId).GetAwaiter().GetResult();

    private static string CreateWith(string attributes, string relationships = "{}") =>
        $$$"""{"data":{"type":"articles","attributes":{{{attributes}}},"relationships":{{{relationships}}}}}""";

    private static string UpdateWith(string attributes, string relationships = "{}") =>
        $$$"""{"data":{"type":"articles","id":"1","attributes":{{{attributes}}},"relationships":{{{relationships}}}}}""";

    private static IReadOnlyList<ErrorObject> Errors(Action action) => Assert.Throws<JsonApiException>(() => action())!.Errors;

    // the spec's example of creating a photo, adapted to articles

    [Test]
    public void Reads_a_create_document_with_attributes_and_relationships()
    {
        var input = Create(CreateWith("""{"title":"JSON:API paints my bikeshed!","views":null,"published_at":"2018-02-01T13:00:00+01:00","rating":4}""".Replace("\"views\":null,", "", StringComparison.Ordinal),
            """{"author":{"data":{"type":"people","id":"9"}},"comments":{"data":[{"type":"comments","id":"5"},{"type":"comments","id":"12"}]}}"""));
        Assert.Multiple(() =>
        {
            Assert.That(input.Operation, Is.EqualTo(WriteOperation.Create));
            Assert.That(input.Id, Is.Null);
            Assert.That(input.Attributes["title"], Is.EqualTo("JSON:API paints my bikeshed!"));
            Assert.That(input.Attributes["rating"], Is.EqualTo(4));
            Assert.That(input.Attributes["published_at"], Is.EqualTo(new DateTimeOffset(2018, 2, 1, 12, 0, 0, TimeSpan.Zero)));
            Assert.That(((DateTimeOffset)input.Attributes["published_at"]!).Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(input.Relationships["author"].Single, Is.EqualTo(new ResourceIdentifier("people", "9")));
            Assert.That(input.Relationships["comments"].Identifiers,
                Is.EqualTo(new[] { new ResourceIdentifier("comments", "5"), new ResourceIdentifier("comments", "12") }));
            Assert.That(input.Triggers, Is.Empty);
        });
    }

    // Timestamps are UTC on the wire: one without an offset means UTC, whatever the server's time zone
    // (.ci/run runs the tests of category TimeZone again with TZ=Asia/Tokyo to see the difference).
    [Category("TimeZone")]
    [TestCase("2018-02-01T12:00:00")]
    [TestCase("2018-02-01T12:00:00.000")]
    [TestCase("2018-02-01T12:00:00Z")]
    [TestCase("2018-02-01T13:00:00+01:00")]
    public void A_timestamp_without_offset_is_read_as_utc(string value)
    {
        var input = Update(UpdateWith($$$"""{"published_at":"{{{value}}}"}"""));
        Assert.That(input.Attributes["published_at"], Is.EqualTo(new DateTimeOffset(2018, 2, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void An_absent_attribute_is_not_in_the_map_and_a_null_one_is_present_with_null()
    {
        var input = Update(UpdateWith("""{"title":null}"""));
        Assert.Multiple(() =>
        {
            Assert.That(input.Id, Is.EqualTo("1"));
            Assert.That(input.HasAttribute("title"), Is.True);
            Assert.That(input.Attributes["title"], Is.Null);
            Assert.That(input.TryGetAttribute<string?>("title", out var title) && title is null, Is.True);
            Assert.That(input.HasAttribute("body"), Is.False);
            Assert.That(input.TryGetAttribute<string?>("body", out _), Is.False);
        });
    }

    [Test]
    public void A_to_one_relationship_set_to_null_has_no_identifier_and_an_absent_one_is_not_in_the_map()
    {
        var input = Update(UpdateWith("{}", """{"author":{"data":null}}"""));
        Assert.Multiple(() =>
        {
            Assert.That(input.TryGetRelationship("author", out var author), Is.True);
            Assert.That(author.Single, Is.Null);
            Assert.That(input.TryGetRelationship("subject", out _), Is.False);
        });
    }

    [Test]
    public void A_to_many_relationship_may_be_emptied() =>
        Assert.That(Create(CreateWith("{}", """{"comments":{"data":[]}}""")).Relationships["comments"].Identifiers, Is.Empty);

    [Test]
    public void A_polymorphic_relationship_takes_any_of_its_types()
    {
        var input = Update(UpdateWith("{}", """{"subject":{"data":{"type":"organizations","id":"o1"}}}"""));
        Assert.That(input.Relationships["subject"].Single, Is.EqualTo(new ResourceIdentifier("organizations", "o1")));
    }

    [Test]
    public void Top_level_meta_jsonapi_and_links_and_resource_links_and_meta_are_allowed() =>
        Assert.That(Update("""{"data":{"type":"articles","id":"1","meta":{},"links":{},"attributes":{"title":"x"}},"meta":{"a":1},"jsonapi":{"version":"1.1"},"links":{}}""")
            .Attributes["title"], Is.EqualTo("x"));

    [Test]
    public void Reads_a_trigger_on_update()
    {
        var input = Update(UpdateWith("""{"_publish":true}"""));
        Assert.Multiple(() =>
        {
            Assert.That(input.HasTrigger("_publish"), Is.True);
            Assert.That(input.Trigger<bool>("_publish"), Is.True);
            Assert.That(input.Attributes, Is.Empty);
        });
    }

    [Test]
    public void A_trigger_sent_false_is_read_but_not_set() =>
        Assert.That(Update(UpdateWith("""{"_publish":false}""")).HasTrigger("_publish"), Is.False);

    [Test]
    public void A_trigger_allowed_on_create_is_read_on_create() =>
        Assert.That(Create(CreateWith("""{"_draft":true}""")).HasTrigger("_draft"), Is.True);

    // 400: structure

    [TestCase("[]")]
    [TestCase("\"data\"")]
    [TestCase("null")]
    [TestCase("42")]
    public void Rejects_a_body_that_is_not_an_object(string json) =>
        JsonApiAssert.AtPointer(() => Create(json), 400, ErrorCodes.InvalidDataFormat, "");

    [TestCase("")]
    [TestCase("{")]
    [TestCase("{'data':{}}")]
    [TestCase("""{"data":{},}""")]
    [TestCase("""{"data":{} /* c */}""")]
    public void Rejects_a_body_that_is_not_json(string json) =>
        JsonApiAssert.AtPointer(() => ParseAsync(json).GetAwaiter().GetResult(), 400, ErrorCodes.InvalidDataFormat, "");

    [TestCase(new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D })]
    [TestCase(new byte[] { 0x7B, 0x22, 0xC3, 0x22, 0x3A, 0x31, 0x7D })]
    [TestCase(new byte[] { 0xEF, 0xBB, 0xBF, 0x5B })]
    public void Rejects_a_body_that_is_not_valid_utf8_json(byte[] body)
    {
        using var stream = new MemoryStream(body);
        JsonApiAssert.AtPointer(() => new DocumentReader(Graph).ParseAsync(stream, CancellationToken.None).GetAwaiter().GetResult(),
            400, ErrorCodes.InvalidDataFormat, "");
    }

    // Invalid UTF-8 inside a string is only noticed when the string is read: it must still be a 400, not a 500.
    [TestCase("""{"data":{"type":"articles","attributes":{"title":"#"}}}""")]
    [TestCase("""{"data":{"type":"articles","attributes":{"#":"x"}}}""")]
    [TestCase("""{"data":{"type":"articles","#":1}}""")]
    [TestCase("""{"data":{"type":"articles#"}}""")]
    public void Rejects_invalid_utf8_anywhere_in_the_document(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json).Select(b => b == (byte)'#' ? (byte)0xFF : b).ToArray();
        JsonApiAssert.AtPointer(() =>
        {
            using var stream = new MemoryStream(bytes);
            var reader = new DocumentReader(Graph);
            using var document = reader.ParseAsync(stream, CancellationToken.None).GetAwaiter().GetResult();
            reader.Read(document.RootElement, Articles, WriteOperation.Create, null);
        }, 400, ErrorCodes.InvalidDataFormat, "");
    }

    // A lone surrogate escape is valid JSON but not text: System.Text.Json throws when it is read as a string (a 500 later).
    [TestCase("""{"data":{"type":"articles","attributes":{"title":"a\ud800"}}}""", "/data/attributes/title")]
    [TestCase("""{"data":{"type":"articles","attributes":{"title":"\udfff\ud800"}}}""", "/data/attributes/title")]
    [TestCase("""{"data":{"type":"articles","attributes":{"tags":["x","\uD800"]}}}""", "/data/attributes/tags/1")]
    [TestCase("""{"data":{"type":"articles","attributes":{"t\ud800":"x"}}}""", "/data/attributes")]
    [TestCase("""{"data":{"type":"articles","relationships":{"author":{"data":{"type":"people","id":"\ud800"}}}}}""", "/data/relationships/author/data/id")]
    [TestCase("""{"meta":{"a/b":"\udc00"},"data":{"type":"articles"}}""", "/meta/a~1b")]
    public void Rejects_a_lone_surrogate_escape_at_the_string_that_holds_it(string json, string pointer) =>
        JsonApiAssert.AtPointer(() => ParseAsync(json).GetAwaiter().GetResult(), 400, ErrorCodes.InvalidDataFormat, pointer);

    [TestCase("""{"data":{"type":"articles","attributes":{"title":"\ud83d\ude00"}}}""", "\U0001F600")]
    [TestCase("""{"data":{"type":"articles","attributes":{"title":"\\ud800"}}}""", "\\ud800")]
    [TestCase("""{"data":{"type":"articles","attributes":{"title":"\u00e9\\u"}}}""", "\u00e9\\u")]
    public async Task Accepts_a_surrogate_pair_and_text_that_only_looks_like_an_escape(string json, string title)
    {
        using var document = await ParseAsync(json);
        Assert.That(new DocumentReader(Graph).Read(document.RootElement, Articles, WriteOperation.Create, null).Attributes["title"], Is.EqualTo(title));
    }

    [Test]
    public async Task Accepts_a_body_with_a_utf8_byte_order_mark()
    {
        using var stream = new MemoryStream([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{"data":{"type":"articles"}}""")]);
        using var document = await new DocumentReader(Graph).ParseAsync(stream, CancellationToken.None);
        Assert.That(new DocumentReader(Graph).Read(document.RootElement, Articles, WriteOperation.Create, null).Attributes, Is.Empty);
    }

    [Test]
    public void Rejects_a_duplicate_json_member() =>
        JsonApiAssert.AtPointer(() => ParseAsync("""{"data":{"type":"articles","type":"articles"}}""").GetAwaiter().GetResult(),
            400, ErrorCodes.InvalidDataFormat, "");

    [Test]
    public void Rejects_a_duplicate_attribute() =>
        JsonApiAssert.AtPointer(() => Create(CreateWith("""{"title":"a","title":"b"}""")), 400, ErrorCodes.InvalidDataFormat, "");

    [Test]
    public void Accepts_nesting_up_to_the_maximum_depth()
    {
        var graph = BlogGraph.Build(o => o.MaxRequestDepth = 5);
        using var document = ParseAsync("""{"a":{"b":{"c":{"d":{}}}}}""", graph).GetAwaiter().GetResult();
        Assert.That(document.RootElement.ValueKind, Is.EqualTo(JsonValueKind.Object));
    }

    [Test]
    public void Rejects_nesting_deeper_than_the_maximum_depth()
    {
        var graph = BlogGraph.Build(o => o.MaxRequestDepth = 5);
        JsonApiAssert.AtPointer(() => ParseAsync("""{"a":{"b":{"c":{"d":{"e":{}}}}}}""", graph).GetAwaiter().GetResult(),
            400, ErrorCodes.InvalidDataFormat, "");
    }

    [Test]
    public void Rejects_nesting_deeper_than_the_default_maximum_depth() =>
        JsonApiAssert.AtPointer(() => ParseAsync(new string('[', 33) + new string(']', 33)).GetAwaiter().GetResult(),
            400, ErrorCodes.InvalidDataFormat, "");

    [Test]
    public void Rejects_a_document_without_data() =>
        JsonApiAssert.AtPointer(() => Create("""{"meta":{}}"""), 400, ErrorCodes.InvalidDataFormat, "");

    [TestCase("""{"data":[{"type":"articles"}]}""")]
    [TestCase("""{"data":null}""")]
    [TestCase("""{"data":"articles"}""")]
    public void Rejects_data_that_is_not_a_single_resource_object(string json) =>
        JsonApiAssert.AtPointer(() => Create(json), 400, ErrorCodes.InvalidDataFormat, "/data");

    [TestCase("included")]
    [TestCase("errors")]
    [TestCase("a/b~c")]
    public void Rejects_an_unknown_top_level_member(string member)
    {
        var pointer = "/" + member.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
        JsonApiAssert.AtPointer(() => Create($$$"""{"data":{"type":"articles"},"{{{member}}}":[]}"""), 400, ErrorCodes.InvalidDataFormat, pointer);
    }

    [Test]
    public void Rejects_an_unknown_member_of_the_resource_object() =>
        JsonApiAssert.AtPointer(() => Create("""{"data":{"type":"articles","title":"x"}}"""), 400, ErrorCodes.InvalidDataFormat, "/data/title");

    [Test]
    public void Rejects_a_local_id() =>
        JsonApiAssert.AtPointer(() => Create("""{"data":{"type":"articles","lid":"tmp-1"}}"""), 400, ErrorCodes.InvalidDataFormat, "/data/lid");

    [TestCase("""{"data":{"id":"1"}}""")]
    [TestCase("""{"data":{"type":7}}""")]
    [TestCase("""{"data":{"type":null}}""")]
    public void Rejects_a_resource_object_without_a_string_type(string json) =>
        JsonApiAssert.AtPointer(() => Create(json), 400, ErrorCodes.InvalidDataFormat, "/data/type");

    [TestCase("1")]
    [TestCase("null")]
    [TestCase("{}")]
    public void Rejects_an_id_that_is_not_a_string(string id) =>
        JsonApiAssert.AtPointer(() => Update($$$"""{"data":{"type":"articles","id":{{{id}}}}}"""), 400, ErrorCodes.InvalidDataFormat, "/data/id");

    [Test]
    public void Rejects_an_update_without_id() =>
        JsonApiAssert.AtPointer(() => Update("""{"data":{"type":"articles","attributes":{}}}"""), 400, ErrorCodes.InvalidDataFormat, "/data");

    [TestCase("[]")]
    [TestCase("null")]
    [TestCase("\"title\"")]
    public void Rejects_attributes_that_are_not_an_object(string attributes) =>
        JsonApiAssert.AtPointer(() => Create($$$"""{"data":{"type":"articles","attributes":{{{attributes}}}}}"""), 400, ErrorCodes.InvalidDataFormat, "/data/attributes");

    [Test]
    public void Rejects_relationships_that_are_not_an_object() =>
        JsonApiAssert.AtPointer(() => Create("""{"data":{"type":"articles","relationships":[]}}"""), 400, ErrorCodes.InvalidDataFormat, "/data/relationships");

    [TestCase("id")]
    [TestCase("type")]
    public void Rejects_id_or_type_among_the_attributes(string name) =>
        JsonApiAssert.AtPointer(() => Create(CreateWith($$$"""{"{{{name}}}":"x"}""")), 400, ErrorCodes.InvalidDataFormat, $"/data/attributes/{name}");

    [TestCase("""{"author":{"links":{"related":"x"}}}""")]
    [TestCase("""{"author":{}}""")]
    [TestCase("""{"author":null}""")]
    [TestCase("""{"author":{"type":"people","id":"9"}}""")]
    public void Rejects_a_relationship_without_data(string relationships) =>
        JsonApiAssert.AtPointer(() => Create(CreateWith("{}", relationships)), 400, ErrorCodes.InvalidDataFormat, "/data/relationships/author");

    [Test]
    public void Rejects_an_array_for_a_to_one_relationship() =>
        JsonApiAssert.AtPointer(() => Create(CreateWith("{}", """{"author":{"data":[{"type":"people","id":"9"}]}}""")),
            400, ErrorCodes.InvalidDataFormat, "/data/relationships/author/data");

    [TestCase("""{"type":"comments","id":"5"}""")]
    [TestCase("null")]
    public void Rejects_anything_but_an_array_for_a_to_many_relationship(string data) =>
        JsonApiAssert.AtPointer(() => Create(CreateWith("{}", $$$"""{"comments":{"data":{{{data}}}}}""")),
            400, ErrorCodes.InvalidDataFormat, "/data/relationships/comments/data");

    [TestCase("""{"type":"people"}""")]
    [TestCase("""{"id":"9"}""")]
    [TestCase("""{"type":"people","id":""}""")]
    [TestCase("""{"type":"people","id":9}""")]
    [TestCase("""{"type":"people","lid":"x"}""")]
    [TestCase("\"9\"")]
    public void Rejects_a_bad_resource_identifier(string identifier) =>
        JsonApiAssert.AtPointer(() => Create(CreateWith("{}", $$$"""{"author":{"data":{{{identifier}}}}}""")),
            400, ErrorCodes.InvalidDataFormat, "/data/relationships/author/data");

    [Test]
    public void Points_at_the_bad_identifier_inside_a_to_many_relationship() =>
        JsonApiAssert.AtPointer(() => Create(CreateWith("{}", """{"comments":{"data":[{"type":"comments","id":"5"},{"type":"comments"}]}}""")),
            400, ErrorCodes.InvalidDataFormat, "/data/relationships/comments/data/1");

    // 409 and 403

    [Test]
    public void Rejects_a_type_other_than_the_endpoint_type() =>
        JsonApiAssert.AtPointer(() => Create("""{"data":{"type":"people","attributes":{}}}"""), 409, ErrorCodes.TypeMismatch, "/data/type");

    [Test]
    public void Rejects_a_relationship_identifier_of_the_wrong_type() =>
        JsonApiAssert.AtPointer(() => Create(CreateWith("{}", """{"author":{"data":{"type":"comments","id":"9"}}}""")),
            409, ErrorCodes.TypeMismatch, "/data/relationships/author/data/type");

    [Test]
    public void Rejects_a_to_many_identifier_of_the_wrong_type() =>
        JsonApiAssert.AtPointer(() => Create(CreateWith("{}", """{"comments":{"data":[{"type":"people","id":"9"}]}}""")),
            409, ErrorCodes.TypeMismatch, "/data/relationships/comments/data/0/type");

    [Test]
    public void Rejects_an_id_other_than_the_url_id() =>
        JsonApiAssert.AtPointer(() => Update("""{"data":{"type":"articles","id":"2"}}""", urlId: "1"), 409, ErrorCodes.KeyNotIncludedInUrl, "/data/id");

    [Test]
    public void Rejects_a_client_generated_id_on_create() =>
        JsonApiAssert.AtPointer(() => Create("""{"data":{"type":"articles","id":"550e8400-e29b-41d4-a716-446655440000"}}"""), 403, ErrorCodes.Forbidden, "/data/id");

    // 422: fields

    [Test]
    public void Rejects_an_unknown_attribute() =>
        JsonApiAssert.AtPointer(() => Create(CreateWith("""{"subtitle":"x"}""")), 422, ErrorCodes.InvalidField, "/data/attributes/subtitle");

    [TestCase("views")]
    [TestCase("created_at")]
    [TestCase("word_count")]
    public void Rejects_an_attribute_that_cannot_be_set_on_create(string name) =>
        JsonApiAssert.AtPointer(() => Create(CreateWith($$$"""{"{{{name}}}":1}""")), 422, ErrorCodes.InvalidField, $"/data/attributes/{name}");

    [Test]
    public void Accepts_an_attribute_that_can_be_changed_but_not_set_on_update() =>
        Assert.That(Update(UpdateWith("""{"views":3}""")).Attributes["views"], Is.EqualTo(3));

    [TestCase("created_at")]
    [TestCase("published")]
    [TestCase("word_count")]
    public void Rejects_an_attribute_that_cannot_be_changed_on_update(string name) =>
        JsonApiAssert.AtPointer(() => Update(UpdateWith($$$"""{"{{{name}}}":true}""")), 422, ErrorCodes.InvalidField, $"/data/attributes/{name}");

    [Test]
    public void Accepts_a_write_only_attribute() =>
        Assert.That(Create(CreateWith("""{"secret":"s3cr3t"}""")).Attributes["secret"], Is.EqualTo("s3cr3t"));

    [Test]
    public void Rejects_an_unknown_relationship() =>
        JsonApiAssert.AtPointer(() => Create(CreateWith("{}", """{"editor":{"data":null}}""")), 422, ErrorCodes.InvalidField, "/data/relationships/editor");

    [Test]
    public void Rejects_a_relationship_that_cannot_be_changed_on_update() =>
        JsonApiAssert.AtPointer(() => Update(UpdateWith("{}", """{"comments":{"data":[]}}""")), 422, ErrorCodes.InvalidField, "/data/relationships/comments");

    [Test]
    public void Rejects_writing_a_loader_relationship() =>
        JsonApiAssert.AtPointer(() => Update(UpdateWith("{}", """{"tags":{"data":[]}}""")), 422, ErrorCodes.InvalidField, "/data/relationships/tags");

    [Test]
    public void Rejects_a_trigger_the_resource_does_not_own() =>
        JsonApiAssert.AtPointer(() => Update(UpdateWith("""{"_place":true}""")), 400, ErrorCodes.InvalidField, "/data/attributes/_place");

    [Test]
    public void Rejects_a_trigger_on_create_that_is_only_for_updates() =>
        JsonApiAssert.AtPointer(() => Create(CreateWith("""{"_publish":true}""")), 422, ErrorCodes.InvalidField, "/data/attributes/_publish");

    [TestCase("_publish", "\"true\"")]
    [TestCase("_publish", "1")]
    [TestCase("_publish", "null")]
    [TestCase("title", "42")]
    [TestCase("title", "true")]
    [TestCase("title", "[\"a\"]")]
    [TestCase("rating", "\"4\"")]
    [TestCase("rating", "4.5")]
    [TestCase("rating", "1e100")]
    [TestCase("views", "null")]
    [TestCase("featured", "\"yes\"")]
    [TestCase("featured", "0")]
    [TestCase("published_at", "\"yesterday\"")]
    [TestCase("published_at", "\"2018-02-30T00:00:00Z\"")]
    [TestCase("published_at", "1517486400")]
    [TestCase("price", "\"12.50\"")]
    [TestCase("price", "{}")]
    public void Rejects_a_value_of_the_wrong_type(string name, string value) =>
        JsonApiAssert.AtPointer(() => Update(UpdateWith($$$"""{"{{{name}}}":{{{value}}}}""")), 422, ErrorCodes.ValidationError, $"/data/attributes/{name}");

    [TestCase("rating", "null")]
    [TestCase("featured", "null")]
    [TestCase("published_at", "null")]
    [TestCase("price", "12.5")]
    [TestCase("featured", "false")]
    public void Accepts_a_value_of_the_right_type(string name, string value) =>
        Assert.That(Update(UpdateWith($$$"""{"{{{name}}}":{{{value}}}}""")).HasAttribute(name), Is.True);

    [Test]
    public void Reports_every_unprocessable_field_together()
    {
        var errors = Errors(() => Create(CreateWith("""{"subtitle":"x","rating":"high","views":1,"_publish":true}""",
            """{"editor":{"data":null}}""")));
        Assert.Multiple(() =>
        {
            Assert.That(errors.Select(e => (e.Status, e.Code, e.Source!.Pointer)), Is.EquivalentTo(new[]
            {
                (422, ErrorCodes.InvalidField, "/data/attributes/subtitle"),
                (422, ErrorCodes.ValidationError, "/data/attributes/rating"),
                (422, ErrorCodes.InvalidField, "/data/attributes/views"),
                (422, ErrorCodes.InvalidField, "/data/attributes/_publish"),
                (422, ErrorCodes.InvalidField, "/data/relationships/editor"),
            }));
            Assert.That(new JsonApiException(errors).Status, Is.EqualTo(422));
        });
    }

    [TestCase("a/b", "/data/attributes/a~1b")]
    [TestCase("m~n", "/data/attributes/m~0n")]
    [TestCase("~/", "/data/attributes/~0~1")]
    [TestCase("~1", "/data/attributes/~01")]
    public void Escapes_pointers_as_rfc_6901_says(string name, string pointer) =>
        JsonApiAssert.AtPointer(() => Create(CreateWith($$$"""{"{{{name}}}":1}""")), 422, ErrorCodes.InvalidField, pointer);

    [Test]
    public void Escapes_relationship_pointers_as_rfc_6901_says() =>
        JsonApiAssert.AtPointer(() => Create(CreateWith("{}", """{"x/y":{"data":null}}""")), 422, ErrorCodes.InvalidField, "/data/relationships/x~1y");

    [Test]
    public void Escapes_resource_member_pointers_as_rfc_6901_says() =>
        JsonApiAssert.AtPointer(() => Create("""{"data":{"type":"articles","a~b":1}}"""), 400, ErrorCodes.InvalidDataFormat, "/data/a~0b");
}
