using System.Text;
using System.Text.Json.Nodes;

namespace Commerce.ReliabilityTests.BadInput;

/// <summary>
/// One malformed request. <see cref="Path"/> and <see cref="Body"/> may hold <c>{order}</c>, <c>{sku}</c>,
/// <c>{address}</c>, <c>{source}</c>: ids of real resources, filled in by the test. <see cref="PointerExpected"/>: the
/// problem is a member of the document, so the error must point at it (<c>source.pointer</c>).
/// </summary>
public sealed record BadRequest(string Name, string Method, string Path, string? ContentType, byte[]? Body, bool PointerExpected = false)
{
    public override string ToString() => Name;
}

/// <summary>
/// The corpus: a table of mutations applied to valid documents of several resources (broken and truncated JSON, wrong
/// types, huge numbers and strings, deep nesting, multi-megabyte bodies, invalid UTF-8, wrong media types, unknown and
/// duplicated members, ids of other types) plus hand-written query strings (injection in filters, sorts, includes,
/// fields and pages).
/// </summary>
public static class BadRequestCorpus
{
    private const string MediaType = "application/vnd.api+json";

    private sealed record Target(string Name, string Method, string Path, string Type, JsonObject Attributes, JsonObject? Relationships, string? Id = null)
    {
        public JsonObject Document()
        {
            var data = new JsonObject { ["type"] = Type };
            if (Id is not null) data["id"] = Id;
            data["attributes"] = Attributes.DeepClone();
            if (Relationships is not null) data["relationships"] = Relationships.DeepClone();
            return new JsonObject { ["data"] = data };
        }
    }

    private static JsonObject ToOne(string type, string id) => new() { ["data"] = new JsonObject { ["type"] = type, ["id"] = id } };

    private static readonly Target[] Targets =
    [
        new("orders POST", "POST", "orders", "orders",
            new JsonObject { ["currency_code"] = "EUR", ["language_code"] = "it", ["customer_email"] = "bad@example.com" }, null),
        new("orders PATCH", "PATCH", "orders/{order}", "orders",
            new JsonObject { ["reference"] = "REF-1", ["customer_email"] = "bad@example.com" }, null, "{order}"),
        new("line_items POST", "POST", "line_items", "line_items",
            new JsonObject { ["sku_code"] = "MUGXXXXX000000FFFFFFXXXX", ["quantity"] = 1 },
            new JsonObject { ["order"] = ToOne("orders", "{order}") }),
        new("addresses POST", "POST", "addresses", "addresses",
            new JsonObject { ["first_name"] = "Ada", ["last_name"] = "Lovelace", ["line_1"] = "Via Roma 1", ["city"] = "Milano", ["zip_code"] = "20100", ["country_code"] = "IT", ["phone"] = "+39 02 1234567" }, null),
        new("skus POST", "POST", "skus", "skus",
            new JsonObject { ["code"] = "BADINPUTSKU", ["name"] = "Bad input" }, null),
        new("external_payments POST", "POST", "external_payments", "external_payments",
            new JsonObject { ["payment_source_token"] = "tok_visa" },
            new JsonObject { ["order"] = ToOne("orders", "{order}") }),
        new("stock_items PATCH", "PATCH", "stock_items/{stock}", "stock_items",
            new JsonObject { ["quantity"] = 7 }, null, "{stock}"),
    ];

    public static IEnumerable<BadRequest> All()
    {
        foreach (var target in Targets)
        {
            foreach (var request in BodyMutations(target))
                yield return request;
            foreach (var request in TypeMutations(target))
                yield return request;
            foreach (var request in MediaTypeMutations(target))
                yield return request;
        }
        foreach (var request in Queries())
            yield return request;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static IEnumerable<BadRequest> BodyMutations(Target t)
    {
        var valid = t.Document().ToJsonString();
        BadRequest Raw(string what, string body, bool pointer = false) => new($"{t.Name}: {what}", t.Method, t.Path, MediaType, Utf8(body), pointer);
        BadRequest Doc(string what, Action<JsonObject> change, bool pointer = false)
        {
            var document = t.Document();
            change(document);
            return Raw(what, document.ToJsonString(), pointer);
        }
        JsonObject Data(JsonObject d) => d["data"]!.AsObject();

        yield return new($"{t.Name}: no body", t.Method, t.Path, MediaType, null);
        yield return Raw("empty body", "");
        yield return Raw("body null", "null");
        yield return Raw("body an array", "[]");
        yield return Raw("body a number", "42");
        yield return Raw("body a string", "\"data\"");
        yield return Raw("empty object", "{}");
        yield return Raw("truncated at a quarter", valid[..(valid.Length / 4)]);
        yield return Raw("truncated at half", valid[..(valid.Length / 2)]);
        yield return Raw("truncated at three quarters", valid[..(valid.Length * 3 / 4)]);
        yield return Raw("last brace missing", valid[..^1]);
        yield return Raw("trailing comma", valid[..^1] + ",}");
        yield return Raw("single quotes", valid.Replace('"', '\''));
        yield return Raw("a comment", "/* hi */" + valid);
        yield return Raw("NaN literal", valid.Replace("\"attributes\":{", "\"attributes\":{\"reference\":NaN,", StringComparison.Ordinal));
        yield return Raw("two documents", valid + valid);
        yield return Raw("unquoted member name", valid.Replace("\"data\"", "data", StringComparison.Ordinal));
        yield return new($"{t.Name}: invalid UTF-8 in a string", t.Method, t.Path, MediaType, InvalidUtf8(valid, [0xC3, 0x28]));
        yield return new($"{t.Name}: a 0xFF byte in a string", t.Method, t.Path, MediaType, InvalidUtf8(valid, [0xFF]));
        yield return new($"{t.Name}: a UTF-8 BOM and a NUL byte", t.Method, t.Path, MediaType, [0xEF, 0xBB, 0xBF, .. Utf8(valid[..5]), 0x00, .. Utf8(valid[5..])]);
        yield return Raw("a lone surrogate escape", valid.Replace("\"attributes\":{", "\"attributes\":{\"reference\":\"\\ud800\",", StringComparison.Ordinal), true);
        yield return Raw("nesting 200 levels deep in an attribute", valid.Replace("\"attributes\":{", "\"attributes\":{\"metadata\":" + new string('[', 200) + new string(']', 200) + ",", StringComparison.Ordinal));
        yield return Raw("10,000 open brackets", new string('[', 10_000));
        yield return Raw("a 3 MB string", valid.Replace("\"attributes\":{", "\"attributes\":{\"reference\":\"" + new string('x', 3 * 1024 * 1024) + "\",", StringComparison.Ordinal));
        yield return Raw("2 MB of whitespace", new string(' ', 2 * 1024 * 1024) + valid);
        yield return Raw("member data twice", "{\"data\":" + t.Document()["data"]!.ToJsonString() + ",\"data\":" + t.Document()["data"]!.ToJsonString() + "}");
        var firstAttribute = t.Attributes.First();
        yield return Raw("an attribute twice", valid.Replace("\"attributes\":{", $"\"attributes\":{{\"{firstAttribute.Key}\":{firstAttribute.Value!.ToJsonString()},", StringComparison.Ordinal));
        yield return Doc("data an array", d => d["data"] = new JsonArray(Data(d).DeepClone()));
        yield return Doc("data a string", d => d["data"] = "orders");
        yield return Doc("data null", d => d["data"] = null);
        yield return Doc("type missing", d => Data(d).Remove("type"));
        yield return Doc("type a number", d => Data(d)["type"] = 7);
        yield return Doc("type of another resource", d => Data(d)["type"] = t.Type == "skus" ? "orders" : "skus");
        yield return Doc("type unknown", d => Data(d)["type"] = "widgets");
        yield return Doc("an unknown attribute", d => Data(d)["attributes"]!["favourite_colour"] = "blue", true);
        yield return Doc("a read-only attribute", d => Data(d)["attributes"]!["created_at"] = "2020-01-01T00:00:00.000Z", true);
        yield return Doc("another resource's trigger", d => Data(d)["attributes"]![t.Type == "orders" ? "_reset_circuit" : "_place"] = true, true);
        yield return Doc("an unknown member in data", d => Data(d)["colour"] = "blue");
        yield return Doc("an unknown top-level member", d => d["colour"] = "blue");
        yield return Doc("attributes an array", d => Data(d)["attributes"] = new JsonArray(1, 2));
        yield return Doc("attributes a string", d => Data(d)["attributes"] = "x");
        yield return Doc("relationships a string", d => Data(d)["relationships"] = "x");
        yield return Doc("an unknown relationship", d => Data(d)["relationships"] = new JsonObject { ["colour"] = ToOne("colours", "x") }, true);
        if (t.Method == "POST")
            yield return Doc("a client-generated id", d => Data(d)["id"] = "ClientMadeId1");
        else
        {
            yield return Doc("an id that is not the URL's", d => Data(d)["id"] = "NotTheUrlsId");
            yield return Doc("an id that is a number", d => Data(d)["id"] = 12345);
            yield return Doc("no id", d => Data(d).Remove("id"));
        }
        if (t.Relationships is not null)
        {
            yield return Doc("a relationship to an id of another type", d => Data(d)["relationships"]!["order"] = ToOne("skus", "{sku}"), true);
            yield return Doc("a relationship to an id that does not exist", d => Data(d)["relationships"]!["order"] = ToOne("orders", "NoSuchOrder1"), true);
            yield return Doc("a relationship whose data is a string", d => Data(d)["relationships"]!["order"] = new JsonObject { ["data"] = "x" }, true);
            yield return Doc("a relationship with a to-many linkage", d => Data(d)["relationships"]!["order"] = new JsonObject { ["data"] = new JsonArray(ToOne("orders", "{order}")["data"]!.DeepClone()) }, true);
            yield return Doc("a relationship id with a NUL", d => Data(d)["relationships"]!["order"] = ToOne("orders", "\u0000x"), true);
            yield return Doc("a relationship identifier without id", d => Data(d)["relationships"]!["order"] = new JsonObject { ["data"] = new JsonObject { ["type"] = "orders" } }, true);
        }
        else
            yield return Doc("a relationship to a resource of another type", d => Data(d)["relationships"] = new JsonObject { ["customer"] = ToOne("skus", "{sku}") }, true);
    }

    private static byte[] InvalidUtf8(string valid, byte[] bad)
    {
        // Inside the first attribute's string value (or the type when no attribute is a string).
        var at = valid.IndexOf("\"attributes\":{", StringComparison.Ordinal);
        var quote = valid.IndexOf(":\"", at, StringComparison.Ordinal);
        var cut = quote < 0 ? valid.IndexOf("\"type\":\"", StringComparison.Ordinal) + 8 : quote + 2;
        return [.. Encoding.UTF8.GetBytes(valid[..cut]), .. bad, .. Encoding.UTF8.GetBytes(valid[cut..])];
    }

    private static IEnumerable<BadRequest> TypeMutations(Target t)
    {
        foreach (var (name, value) in t.Attributes.Take(3))
        {
            JsonNode?[] wrong = value!.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? [12345, true, new JsonObject { ["a"] = 1 }, new JsonArray("x"), new string('x', 100_000), "\u0000\u0001"]
                : [(JsonNode)"seven", JsonNode.Parse("1e309"), JsonNode.Parse("99999999999999999999999999"), JsonNode.Parse("-9223372036854775809"), 1.5, -1, new JsonArray(1)];
            foreach (var bad in wrong)
            {
                var document = t.Document();
                document["data"]!["attributes"]![name] = bad?.DeepClone();
                var shown = bad?.ToJsonString() is { Length: > 24 } long_ ? long_[..12] + $"…({long_.Length} chars)" : bad?.ToJsonString();
                yield return new($"{t.Name}: {name} = {shown}", t.Method, t.Path, MediaType, Utf8(document.ToJsonString()), true);
            }
        }
    }

    private static IEnumerable<BadRequest> MediaTypeMutations(Target t)
    {
        var body = Utf8(t.Document().ToJsonString());
        foreach (var type in new[] { "text/plain", "application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                     MediaType + "; ext=\"https://example.com/ext\"", MediaType + "; charset=utf-8", MediaType + "; version=2" })
            yield return new($"{t.Name}: Content-Type {type}", t.Method, t.Path, type, body);
        yield return new($"{t.Name}: no Content-Type", t.Method, t.Path, null, body);
    }

    private static IEnumerable<BadRequest> Queries()
    {
        string[] lists = ["skus", "orders", "line_items", "stock_items"];
        string[] injections =
        [
            "sort=code;DROP TABLE skus", "sort=' OR 1=1--", "sort=-(SELECT 1)", "sort=code,,number", "sort=id desc",
            "include=prices;--", "include=../../etc/passwd", "include=a.b.c.d.e", "include=' OR '1'='1", "include=prices.sku.prices.sku",
            "fields[skus]=code,(SELECT 1)", "fields[widgets]=name", "fields=code",
            "filter[q][code_eq' OR '1'='1]=x", "filter[q][code_unknown]=x", "filter[q]=x", "filter[code]=x", "filter[q][1=1--]=x",
            "filter[q][created_at_gt]=1' OR '1'='1", "filter[q][created_at_gt]=yesterday",
            "page[size]=1;DROP TABLE orders", "page[size]=-1", "page[size]=99999999999999999999", "page[number]=0", "page[number]=abc", "page[size]=26",
            "colour=blue", "include[]=prices", "filter[q][id_eq]=%00", "filter[q][id_in]=a,%00b", "filter[q][id_cont]=%00", "filter[q][id_start]=a%00", "filter[q][id_end]=%01b",
        ];
        foreach (var list in lists)
            foreach (var query in injections)
                yield return new($"GET {list}?{query}", "GET", $"{list}?{query}", null, null);
        foreach (var (path, what) in new[] { ("orders/{sku}", "an order by a SKU's id"), ("skus/{order}", "a SKU by an order's id"), ("orders/{order}/colours", "an unknown relationship"),
                     ("orders/{order}/relationships/colours", "an unknown relationship's linkage"), ("orders/' OR '1'='1", "an injected id"), ("widgets", "an unknown type") })
            yield return new($"GET {what}", "GET", path, null, null);
        yield return new("PATCH an order with a SKU's id", "PATCH", "orders/{sku}", MediaType, Utf8("{\"data\":{\"type\":\"orders\",\"id\":\"{sku}\",\"attributes\":{\"reference\":\"x\"}}}"));
        yield return new("DELETE a placed order", "DELETE", "orders/{placed}", null, null);
        yield return new("PATCH a relationship endpoint", "PATCH", "orders/{order}/relationships/line_items", MediaType, Utf8("{\"data\":[]}"));
    }
}
