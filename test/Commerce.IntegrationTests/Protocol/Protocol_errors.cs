using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Protocol;

/// <summary>Content negotiation and malformed requests over HTTP: each a JSON:API error with the right status and source.</summary>
public sealed class Protocol_errors : ApiFixture
{
    private static readonly object ValidSku = Document("skus", new { code = "NEG1", name = "x" });

    [TestCase("application/json")]
    [TestCase("text/plain")]
    [TestCase("application/vnd.api+json; charset=utf-8")]
    [TestCase("application/vnd.api+json; ext=\"https://jsonapi.org/ext/atomic\"")]
    public async Task A_body_that_is_not_plain_json_api_is_415(string contentType)
    {
        var response = await Api.SendAsync(HttpMethod.Post, "skus", ValidSku, contentType);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnsupportedMediaType), response.ToString());
        Assert.That(response.Error["code"]!.GetValue<string>(), Is.EqualTo("UNSUPPORTED_MEDIA_TYPE"));
        Assert.That(response.Error["source"]!["header"]!.GetValue<string>(), Is.EqualTo("Content-Type"));
        Assert.That(response.MediaType, Is.EqualTo("application/vnd.api+json"));
    }

    [Test]
    public async Task A_profile_parameter_is_accepted()
    {
        var response = await Api.SendAsync(HttpMethod.Post, "skus", Document("skus", new { code = Unique("P"), name = "x" }),
            "application/vnd.api+json; profile=\"https://example.com/profile\"");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Created), response.ToString());
    }

    [TestCase("text/html")]
    [TestCase("application/vnd.api+json; ext=\"https://jsonapi.org/ext/atomic\"")]
    [TestCase("application/vnd.api+json; version=2")]
    public async Task An_accept_header_that_allows_no_json_api_response_is_406(string accept)
    {
        var response = await Api.SendAsync(HttpMethod.Get, "skus", null, headers: new Dictionary<string, string> { ["Accept"] = accept });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NotAcceptable), response.ToString());
        Assert.That(response.Error["code"]!.GetValue<string>(), Is.EqualTo("NOT_ACCEPTABLE"));
    }

    [TestCase("*/*")]
    [TestCase("application/vnd.api+json; profile=\"https://example.com/p\"")]
    [TestCase("application/vnd.api+json; ext=\"x\", application/vnd.api+json")]
    public async Task An_accept_header_that_allows_json_api_is_served(string accept)
    {
        var response = await Api.SendAsync(HttpMethod.Get, "skus", null, headers: new Dictionary<string, string> { ["Accept"] = accept });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
    }

    [TestCase("{not json", "")]
    [TestCase("[1,2,3]", "")]
    [TestCase("{\"data\":[]}", "/data")]
    [TestCase("{\"meta\":{}}", "")]
    [TestCase("{\"data\":{\"type\":\"skus\",\"attributes\":{}},\"included\":[]}", "/included")]
    [TestCase("{\"data\":{\"type\":\"skus\",\"attributes\":[]}}", "/data/attributes")]
    [TestCase("{\"data\":{\"attributes\":{}}}", "/data/type")]
    [TestCase("{\"data\":{\"type\":\"skus\",\"attributes\":{\"code\":\"A\",\"code\":\"B\"}}}", "")]
    public async Task A_body_that_is_not_a_json_api_document_is_400(string body, string pointer)
    {
        var response = await Api.SendAsync(HttpMethod.Post, "skus", null, rawBody: body);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.ToString());
        Assert.That(response.Error["code"]!.GetValue<string>(), Is.EqualTo("INVALID_DATA_FORMAT"));
        Assert.That(response.Error["source"]!["pointer"]!.GetValue<string>(), Is.EqualTo(pointer));
    }

    /// <summary>An order document with <paramref name="attributes"/> (raw JSON members, escapes as sent) and optional relationships.</summary>
    private static string OrderBody(string attributes, string relationships = "") =>
        "{\"data\":{\"type\":\"orders\",\"attributes\":{\"currency_code\":\"EUR\"" + attributes + "}" + relationships + "}}";

    [TestCase(",\"reference\":\"x\\ud800\"", "/data/attributes/reference", TestName = "{m}(a high surrogate alone in a string attribute)")]
    [TestCase(",\"reference\":\"\\ud800\\u0041\"", "/data/attributes/reference", TestName = "{m}(a high surrogate followed by another escape)")]
    [TestCase(",\"reference\":\"\\udc00\"", "/data/attributes/reference", TestName = "{m}(a low surrogate alone)")]
    [TestCase(",\"metadata\":{\"note\":\"\\udc00\"}", "/data/attributes/metadata/note", TestName = "{m}(in a metadata value)")]
    [TestCase(",\"metadata\":{\"notes\":[\"ok\",\"\\ud800\"]}", "/data/attributes/metadata/notes/1", TestName = "{m}(in an array inside metadata)")]
    [TestCase(",\"metadata\":{\"n\\ud800\":\"v\"}", "/data/attributes/metadata", TestName = "{m}(in a metadata key)")]
    [TestCase(",\"refer\\ud800\":\"x\"", "/data/attributes", TestName = "{m}(in an attribute name)")]
    public async Task A_lone_surrogate_escape_is_400_at_the_string_that_holds_it(string attributes, string pointer)
    {
        var before = (await Api.GetAsync("orders?page[size]=1")).Body!["meta"]!["record_count"]!.GetValue<int>();

        var response = await Api.SendAsync(HttpMethod.Post, "orders", null, rawBody: OrderBody(attributes));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.ToString());
        Assert.That(response.Errors, Has.Count.EqualTo(1), response.ToString());
        Assert.That(response.Error["code"]!.GetValue<string>(), Is.EqualTo("INVALID_DATA_FORMAT"));
        Assert.That(response.Error["source"]!["pointer"]!.GetValue<string>(), Is.EqualTo(pointer));
        Assert.That(response.Error["detail"]!.GetValue<string>(), Does.Contain("surrogate"));
        Assert.That((await Api.GetAsync("orders?page[size]=1")).Body!["meta"]!["record_count"]!.GetValue<int>(), Is.EqualTo(before), "nothing was created");
    }

    [Test]
    public async Task A_lone_surrogate_escape_in_a_relationship_id_is_400_at_the_id()
    {
        var response = await Api.SendAsync(HttpMethod.Post, "orders", null,
            rawBody: OrderBody("", ",\"relationships\":{\"market\":{\"data\":{\"type\":\"markets\",\"id\":\"m\\ud800\"}}}"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.ToString());
        Assert.That(response.Error["code"]!.GetValue<string>(), Is.EqualTo("INVALID_DATA_FORMAT"));
        Assert.That(response.Error["source"]!["pointer"]!.GetValue<string>(), Is.EqualTo("/data/relationships/market/data/id"));
    }

    [TestCase("\\ud83d\\ude00", "\U0001F600", TestName = "{m}(a surrogate pair: one character)")]
    [TestCase("\\\\ud800", "\\ud800", TestName = "{m}(an escaped backslash before ud800: plain text)")]
    public async Task Text_that_only_looks_like_a_lone_surrogate_is_kept(string escaped, string stored)
    {
        var response = await Api.SendAsync(HttpMethod.Post, "orders", null,
            rawBody: OrderBody(",\"reference\":\"" + escaped + "\",\"metadata\":{\"note\":\"" + escaped + "\"}"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Created), response.ToString());
        var read = await Api.GetAsync($"orders/{response.Id}");
        Assert.That(read.Attributes["reference"]!.GetValue<string>(), Is.EqualTo(stored));
        Assert.That(read.Attributes["metadata"]!["note"]!.GetValue<string>(), Is.EqualTo(stored));
    }

    [Test]
    public async Task A_type_that_does_not_match_the_endpoint_is_409()
    {
        var response = await Api.PostAsync("skus", Document("prices", new { amount_cents = 1 }));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(response.Error["code"]!.GetValue<string>(), Is.EqualTo("TYPE_MISMATCH"));
        Assert.That(response.ErrorPointers, Is.EqualTo(new[] { "/data/type" }));
    }

    [Test]
    public async Task An_id_that_does_not_match_the_url_is_409()
    {
        var sku = (await Api.GetAsync("skus?page[size]=1")).Data[0]!["id"]!.GetValue<string>();

        var response = await Api.PatchAsync($"skus/{sku}", Document("skus", new { name = "x" }, id: "someOtherId1"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(response.ErrorPointers, Is.EqualTo(new[] { "/data/id" }));
    }

    [Test]
    public async Task A_client_generated_id_is_403()
    {
        var response = await Api.PostAsync("skus", Document("skus", new { code = "X", name = "x" }, id: "myOwnId12345"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.ErrorPointers, Is.EqualTo(new[] { "/data/id" }));
    }

    [Test]
    public async Task Unknown_and_read_only_attributes_are_422_with_pointers_all_at_once()
    {
        var response = await Api.PostAsync("skus", Document("skus", new { code = "X", name = "x", colour = "red", created_at = "2020-01-01T00:00:00Z", pieces_per_pack = "two" }));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), response.ToString());
        Assert.That(response.ErrorPointers, Is.EquivalentTo(new[] { "/data/attributes/colour", "/data/attributes/created_at", "/data/attributes/pieces_per_pack" }));
    }

    [Test]
    public async Task A_trigger_the_resource_does_not_own_is_400_invalid_field()
    {
        var response = await Api.PostAsync("skus", Document("skus", new { code = "X", name = "x", _place = true }));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Error["code"]!.GetValue<string>(), Is.EqualTo("INVALID_FIELD"));
        Assert.That(response.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/_place" }));
    }

    [Test]
    public async Task Unknown_routes_and_methods_are_json_api_errors()
    {
        var missingRoute = await Api.GetAsync("widgets");
        var missingRecord = await Api.GetAsync("skus/doesNotExist1");
        var badMethod = await Api.SendAsync(HttpMethod.Put, "skus", ValidSku);

        Assert.That(missingRoute.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(missingRoute.MediaType, Is.EqualTo("application/vnd.api+json"));
        Assert.That(missingRecord.Error["code"]!.GetValue<string>(), Is.EqualTo("RECORD_NOT_FOUND"));
        Assert.That(badMethod.Status, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(badMethod.Errors, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Relationship_writes_are_403_and_point_to_the_owner_patch()
    {
        var sku = (await Api.GetAsync("skus?page[size]=1")).Data[0]!["id"]!.GetValue<string>();

        var response = await Api.PatchAsync($"skus/{sku}/relationships/prices", new { data = Array.Empty<object>() });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Error["code"]!.GetValue<string>(), Is.EqualTo("FORBIDDEN"));
    }

    [Test]
    public async Task Linkage_lists_sort_and_filter_by_the_target_type()
    {
        var sku = (await Api.GetAsync("skus?page[size]=1")).Data[0]!["id"]!.GetValue<string>();

        var sorted = await Api.GetAsync($"skus/{sku}/relationships/prices?sort=-amount_cents&filter[q][currency_code_eq]=EUR");
        var ownerField = await Api.GetAsync($"skus/{sku}/relationships/prices?sort=code");

        Assert.That(sorted.Status, Is.EqualTo(HttpStatusCode.OK), sorted.ToString());
        Assert.That(sorted.Data.AsArray().Select(d => d!["type"]!.GetValue<string>()), Is.Not.Empty.And.All.EqualTo("prices").And.Not.Empty);
        Assert.That(ownerField.Status, Is.EqualTo(HttpStatusCode.BadRequest), ownerField.ToString());
        Assert.That(ownerField.Error["code"]!.GetValue<string>(), Is.EqualTo("INVALID_SORT_CRITERIA"));
    }

    [Test]
    public async Task A_malformed_request_changes_nothing()
    {
        var before = (await Api.GetAsync("skus")).Body!["meta"]!["record_count"]!.GetValue<int>();

        await Api.SendAsync(HttpMethod.Post, "skus", null, rawBody: "{\"data\":{\"type\":\"skus\",\"attributes\":{\"code\":\"Z1\",\"name\":\"z\",\"oops\":1}}}");
        await Api.SendAsync(HttpMethod.Post, "skus", null, rawBody: "{\"data\":{\"type\":\"skus\",\"attributes\":{\"code\":\"Z1\",\"name\":\"z\"}}", contentType: "text/plain");
        var after = (await Api.GetAsync("skus")).Body!["meta"]!["record_count"]!.GetValue<int>();

        Assert.That(after, Is.EqualTo(before));
    }
}
