using System.Text;
using System.Text.Json.Nodes;

namespace Commerce.ReliabilityTests.BadInput;

/// <summary>
/// One HTTP request of the corpus. <see cref="Path"/> and <see cref="Body"/> may hold placeholders the test fills in:
/// <c>{order}</c> (a draft order with a line item, addresses and a payment source), <c>{placed}</c> (a placed order),
/// <c>{draft}</c> (an empty draft order that may be deleted), <c>{sku}</c>, <c>{stock}</c> (ids of real resources) and
/// <c>{unique}</c> (a fresh value each time it is filled). <see cref="Accept"/> defaults to JSON:API's media type.
/// </summary>
public sealed record HttpCall(string Method, string Path, string? ContentType = null, byte[]? Body = null, string? Accept = null)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>Where an error points: a member of the document, a query parameter, a header, or nowhere (the request as a whole).</summary>
public enum SourceKind { None, Pointer, Parameter, Header }

/// <summary>The one error a malformed request must get: its status, its code and its <c>source</c>.</summary>
public sealed record ExpectedError(int Status, string Code, SourceKind Kind = SourceKind.None, string? Source = null)
{
    public static ExpectedError At(int status, string code, string pointer) => new(status, code, SourceKind.Pointer, pointer);
    public static ExpectedError AtParameter(string code, string parameter) => new(400, code, SourceKind.Parameter, parameter);
    public static ExpectedError AtHeader(int status, string code, string header) => new(status, code, SourceKind.Header, header);

    public override string ToString() => Kind == SourceKind.None ? $"{Status} {Code}" : $"{Status} {Code} at {Kind.ToString().ToLowerInvariant()} '{Source}'";
}

/// <summary>
/// One distinct way a request is refused: the malformed request, the error it must get, and its valid counterpart (the
/// same request with only the fault repaired), which must succeed with <see cref="ValidStatus"/>, so that a case cannot
/// pass because the route itself is broken.
/// </summary>
public sealed record BadRequest(string Name, HttpCall Bad, ExpectedError Expected, HttpCall Valid, int ValidStatus)
{
    public override string ToString() => Name;
}

/// <summary>
/// The corpus: one case per distinct rejection path, not one per endpoint the same shared code guards. The document reader,
/// the media-type checks and the query parser are shared by every resource: each of their refusals appears once, on one
/// resource. What each resource's handler reads itself (its attributes' types, ranges, text limits and relationships)
/// appears once per resource. Each case says the status, code and pointer (or parameter, or header) it must get.
/// </summary>
public static class BadRequestCorpus
{
    private const string MediaType = "application/vnd.api+json";

    private const string Order = "{order}";

    /// <summary>A resource and a valid document to send to it (create or change).</summary>
    private sealed record Target(string Name, string Method, string Path, string Type, JsonObject Attributes, JsonObject? Relationships = null, string? Id = null)
    {
        public JsonObject Document()
        {
            var data = new JsonObject { ["type"] = Type };
            if (Id is not null) data["id"] = Id;
            data["attributes"] = Attributes.DeepClone();
            if (Relationships is not null) data["relationships"] = Relationships.DeepClone();
            return new JsonObject { ["data"] = data };
        }

        public HttpCall Valid => new(Method, Path, MediaType, Utf8(Document().ToJsonString()));

        public HttpCall With(byte[]? body, string? contentType = MediaType) => new(Method, Path, contentType, body);

        public HttpCall With(Action<JsonObject> change)
        {
            var document = Document();
            change(document);
            return With(Utf8(document.ToJsonString()));
        }

        public HttpCall WithAttribute(string name, JsonNode? value) => With(d => d["data"]!["attributes"]![name] = value);

        public int Success => Method == "POST" ? 201 : 200;
    }

    private static JsonObject ToOne(string type, string id) => new() { ["data"] = new JsonObject { ["type"] = type, ["id"] = id } };

    private static readonly Target Orders = new("orders POST", "POST", "orders", "orders",
        new JsonObject { ["currency_code"] = "EUR", ["language_code"] = "it", ["customer_email"] = "bad@example.com" });
    private static readonly Target OrderChange = new("orders PATCH", "PATCH", $"orders/{Order}", "orders",
        new JsonObject { ["reference"] = "REF-1", ["customer_email"] = "bad@example.com" }, null, Order);
    private static readonly Target LineItems = new("line_items POST", "POST", "line_items", "line_items",
        new JsonObject { ["sku_code"] = "MUGXXXXX000000FFFFFFXXXX", ["quantity"] = 1 }, new JsonObject { ["order"] = ToOne("orders", Order) });
    private static readonly Target Addresses = new("addresses POST", "POST", "addresses", "addresses",
        new JsonObject { ["first_name"] = "Ada", ["last_name"] = "Lovelace", ["line_1"] = "Via Roma 1", ["city"] = "Milano", ["zip_code"] = "20100", ["country_code"] = "IT", ["phone"] = "+39 02 1234567" });
    private static readonly Target Skus = new("skus POST", "POST", "skus", "skus",
        new JsonObject { ["code"] = "BAD-INPUT-{unique}", ["name"] = "Bad input" });
    private static readonly Target ExternalPayments = new("external_payments POST", "POST", "external_payments", "external_payments",
        new JsonObject { ["payment_source_token"] = "tok_visa" }, new JsonObject { ["order"] = ToOne("orders", Order) });
    private static readonly Target StockItems = new("stock_items PATCH", "PATCH", "stock_items/{stock}", "stock_items",
        new JsonObject { ["quantity"] = 7 }, null, "{stock}");

    public static IEnumerable<BadRequest> All() =>
        [.. Documents(), .. MediaTypes(), .. Attributes(), .. Relationships(), .. Queries()];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static BadRequest Case(string name, Target target, HttpCall bad, ExpectedError expected) =>
        new($"{target.Name}: {name}", bad, expected, target.Valid, target.Success);

    private static ExpectedError DataFormat(string pointer) => ExpectedError.At(400, "INVALID_DATA_FORMAT", pointer);

    private static JsonObject Data(JsonObject document) => document["data"]!.AsObject();

    /// <summary>The document reader's refusals (shared by every resource): the body as JSON, then as a JSON:API document.</summary>
    private static IEnumerable<BadRequest> Documents()
    {
        var valid = Orders.Document().ToJsonString();
        yield return Case("no body", Orders, Orders.With(body: null), DataFormat(""));
        yield return Case("JSON cut short", LineItems, LineItems.With(Utf8(LineItems.Document().ToJsonString()[..40])), DataFormat(""));
        yield return Case("invalid UTF-8", Addresses, Addresses.With(InvalidUtf8(Addresses.Document().ToJsonString())), DataFormat(""));
        yield return Case("a lone surrogate escape in a string", OrderChange,
            OrderChange.With(Utf8(OrderChange.Document().ToJsonString().Replace("\"REF-1\"", "\"REF-\\ud800\"", StringComparison.Ordinal))),
            DataFormat("/data/attributes/reference"));
        yield return Case("a member twice", OrderChange,
            OrderChange.With(Utf8(OrderChange.Document().ToJsonString().Replace("\"reference\":", "\"reference\":\"A\",\"reference\":", StringComparison.Ordinal))), DataFormat(""));
        yield return Case("nesting deeper than 32 levels", Orders,
            Orders.With(Utf8(valid.Replace("\"attributes\":{", "\"attributes\":{\"metadata\":" + new string('[', 40) + new string(']', 40) + ",", StringComparison.Ordinal))), DataFormat(""));
        yield return Case("a body that is an array", Skus, Skus.With(Utf8("[]")), DataFormat(""));
        yield return Case("no data member", Skus, Skus.With(Utf8("{}")), DataFormat(""));
        yield return Case("a body over 1 MiB", Orders,
            Orders.With(Utf8(valid.Replace("\"attributes\":{", "\"attributes\":{\"reference\":\"" + new string('x', 2 * 1024 * 1024) + "\",", StringComparison.Ordinal))),
            new ExpectedError(413, "PAYLOAD_TOO_LARGE"));
        yield return Case("data an array", Orders, Orders.With(d => d["data"] = new JsonArray(Data(d).DeepClone())), DataFormat("/data"));
        yield return Case("data null", OrderChange, OrderChange.With(d => d["data"] = null), DataFormat("/data"));
        yield return Case("an unknown top-level member", Orders, Orders.With(d => d["colour"] = "blue"), DataFormat("/colour"));
        yield return Case("an unknown member in data", Skus, Skus.With(d => Data(d)["colour"] = "blue"), DataFormat("/data/colour"));
        yield return Case("type missing", Skus, Skus.With(d => Data(d).Remove("type")), DataFormat("/data/type"));
        yield return Case("type a number", LineItems, LineItems.With(d => Data(d)["type"] = 7), DataFormat("/data/type"));
        yield return Case("type of another resource", Orders, Orders.With(d => Data(d)["type"] = "skus"), ExpectedError.At(409, "TYPE_MISMATCH", "/data/type"));
        yield return Case("a client-generated id", Addresses, Addresses.With(d => Data(d)["id"] = "ClientMadeId1"), ExpectedError.At(403, "FORBIDDEN", "/data/id"));
        yield return Case("an id that is not the URL's", OrderChange, OrderChange.With(d => Data(d)["id"] = "NotTheUrlsId"), ExpectedError.At(409, "KEY_NOT_INCLUDED_IN_URL", "/data/id"));
        yield return Case("an id that is a number", StockItems, StockItems.With(d => Data(d)["id"] = 12345), DataFormat("/data/id"));
        yield return Case("no id", OrderChange, OrderChange.With(d => Data(d).Remove("id")), DataFormat("/data"));
        yield return Case("attributes an array", Skus, Skus.With(d => Data(d)["attributes"] = new JsonArray(1, 2)), DataFormat("/data/attributes"));
        yield return Case("relationships a string", LineItems, LineItems.With(d => Data(d)["relationships"] = "x"), DataFormat("/data/relationships"));
        yield return Case("an unknown attribute", Orders, Orders.With(d => Data(d)["attributes"]!["favourite_colour"] = "blue"),
            ExpectedError.At(422, "INVALID_FIELD", "/data/attributes/favourite_colour"));
        yield return Case("a read-only attribute", OrderChange, OrderChange.With(d => Data(d)["attributes"]!["created_at"] = "2020-01-01T00:00:00.000Z"),
            ExpectedError.At(422, "INVALID_FIELD", "/data/attributes/created_at"));
        yield return Case("another resource's trigger", Skus, Skus.With(d => Data(d)["attributes"]!["_place"] = true),
            ExpectedError.At(400, "INVALID_FIELD", "/data/attributes/_place"));
        yield return Case("an unknown relationship", Addresses, Addresses.With(d => Data(d)["relationships"] = new JsonObject { ["colour"] = ToOne("colours", "x") }),
            ExpectedError.At(422, "INVALID_FIELD", "/data/relationships/colour"));
    }

    private static byte[] InvalidUtf8(string valid)
    {
        // Inside the first attribute's string value.
        var cut = valid.IndexOf(":\"", valid.IndexOf("\"attributes\":{", StringComparison.Ordinal), StringComparison.Ordinal) + 2;
        return [.. Encoding.UTF8.GetBytes(valid[..cut]), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(valid[cut..])];
    }

    /// <summary>The media-type checks (shared): Content-Type and Accept.</summary>
    private static IEnumerable<BadRequest> MediaTypes()
    {
        var body = Utf8(Skus.Document().ToJsonString());
        var contentType = ExpectedError.AtHeader(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type");
        yield return Case("Content-Type application/json", Skus, Skus.With(body, "application/json"), contentType);
        yield return Case("no Content-Type", OrderChange, OrderChange.With(Utf8(OrderChange.Document().ToJsonString()), contentType: null), contentType);
        yield return Case("Content-Type with an ext", Orders, Orders.With(Utf8(Orders.Document().ToJsonString()), MediaType + "; ext=\"https://example.com/ext\""), contentType);
        yield return Case("Content-Type with a charset", LineItems, LineItems.With(Utf8(LineItems.Document().ToJsonString()), MediaType + "; charset=utf-8"), contentType);
        yield return new("GET skus: Accept text/html only", new HttpCall("GET", "skus", Accept: "text/html"),
            ExpectedError.AtHeader(406, "NOT_ACCEPTABLE", "Accept"), new HttpCall("GET", "skus"), 200);
    }

    /// <summary>What each resource's handler reads itself: one wrong value per kind of attribute and per resource.</summary>
    private static IEnumerable<BadRequest> Attributes()
    {
        static ExpectedError Invalid(string attribute) => ExpectedError.At(422, "VALIDATION_ERROR", "/data/attributes/" + attribute);
        yield return Case("customer_email a number", Orders, Orders.WithAttribute("customer_email", 12345), Invalid("customer_email"));
        yield return Case("currency_code an object", Orders, Orders.WithAttribute("currency_code", new JsonObject { ["a"] = 1 }), Invalid("currency_code"));
        yield return Case("reference longer than its column", OrderChange, OrderChange.WithAttribute("reference", new string('x', 100_000)), Invalid("reference"));
        yield return Case("customer_email true", OrderChange, OrderChange.WithAttribute("customer_email", true), Invalid("customer_email"));
        yield return Case("quantity a string", LineItems, LineItems.WithAttribute("quantity", "seven"), Invalid("quantity"));
        yield return Case("quantity above a 64-bit integer", LineItems, LineItems.WithAttribute("quantity", JsonNode.Parse("99999999999999999999999999")), Invalid("quantity"));
        yield return Case("quantity a fraction", LineItems, LineItems.WithAttribute("quantity", 1.5), Invalid("quantity"));
        yield return Case("quantity negative", LineItems, LineItems.WithAttribute("quantity", -1), Invalid("quantity"));
        yield return Case("sku_code an array", LineItems, LineItems.WithAttribute("sku_code", new JsonArray("x")), Invalid("sku_code"));
        yield return Case("code a number", Skus, Skus.WithAttribute("code", 12345), Invalid("code"));
        yield return Case("name with control characters", Skus, Skus.WithAttribute("name", "\u0000\u0001"), Invalid("name"));
        yield return Case("code longer than its column", Skus, Skus.WithAttribute("code", new string('x', 100_000)), Invalid("code"));
        yield return Case("payment_source_token true", ExternalPayments, ExternalPayments.WithAttribute("payment_source_token", true), Invalid("payment_source_token"));
        yield return Case("payment_source_token longer than its column", ExternalPayments,
            ExternalPayments.WithAttribute("payment_source_token", new string('x', 100_000)), Invalid("payment_source_token"));
        yield return Case("first_name an object", Addresses, Addresses.WithAttribute("first_name", new JsonObject { ["a"] = 1 }), Invalid("first_name"));
        yield return Case("line_1 longer than its column", Addresses, Addresses.WithAttribute("line_1", new string('x', 100_000)), Invalid("line_1"));
        yield return Case("last_name with control characters", Addresses, Addresses.WithAttribute("last_name", "\u0000\u0001"), Invalid("last_name"));
        yield return Case("quantity negative", StockItems, StockItems.WithAttribute("quantity", -1), Invalid("quantity"));
        yield return Case("quantity beyond a 32-bit integer", StockItems, StockItems.WithAttribute("quantity", JsonNode.Parse("1e309")), Invalid("quantity"));
    }

    /// <summary>Relationship linkage (the reader's shape checks, shared) and targets (each resource's own).</summary>
    private static IEnumerable<BadRequest> Relationships()
    {
        const string order = "/data/relationships/order/data";
        yield return Case("a relationship to an id of another type", LineItems, LineItems.With(d => Data(d)["relationships"]!["order"] = ToOne("skus", "{sku}")),
            ExpectedError.At(409, "TYPE_MISMATCH", order + "/type"));
        yield return Case("a relationship to an id that does not exist", LineItems, LineItems.With(d => Data(d)["relationships"]!["order"] = ToOne("orders", "NoSuchOrder1")),
            ExpectedError.At(404, "RECORD_NOT_FOUND", order));
        yield return Case("a relationship to an id that does not exist", ExternalPayments, ExternalPayments.With(d => Data(d)["relationships"]!["order"] = ToOne("orders", "NoSuchOrder1")),
            ExpectedError.At(404, "RECORD_NOT_FOUND", order));
        yield return Case("a relationship whose data is a string", LineItems, LineItems.With(d => Data(d)["relationships"]!["order"] = new JsonObject { ["data"] = "x" }), DataFormat(order));
        yield return Case("a to-many linkage for a to-one", ExternalPayments,
            ExternalPayments.With(d => Data(d)["relationships"]!["order"] = new JsonObject { ["data"] = new JsonArray(ToOne("orders", Order)["data"]!.DeepClone()) }), DataFormat(order));
        yield return Case("a relationship identifier without id", LineItems,
            LineItems.With(d => Data(d)["relationships"]!["order"] = new JsonObject { ["data"] = new JsonObject { ["type"] = "orders" } }), DataFormat(order));
        yield return Case("a relationship id with a NUL", LineItems, LineItems.With(d => Data(d)["relationships"]!["order"] = ToOne("orders", "\u0000x")), DataFormat(order + "/id"));
        yield return Case("a customer that is a SKU", OrderChange, OrderChange.With(d => Data(d)["relationships"] = new JsonObject { ["customer"] = ToOne("skus", "{sku}") }),
            ExpectedError.At(409, "TYPE_MISMATCH", "/data/relationships/customer/data/type"));
    }

    /// <summary>The query parser (shared by every list) and the routes themselves.</summary>
    private static IEnumerable<BadRequest> Queries()
    {
        BadRequest Query(string list, string bad, string valid, ExpectedError expected) =>
            new($"GET {list}?{bad}", new HttpCall("GET", $"{list}?{bad}"), expected, new HttpCall("GET", $"{list}?{valid}"), 200);
        static ExpectedError At(string code, string parameter) => ExpectedError.AtParameter(code, parameter);

        yield return Query("skus", "colour=blue", "page[size]=1", At("PARAM_NOT_ALLOWED", "colour"));
        yield return Query("skus", "include[]=prices", "include=prices", At("PARAM_NOT_ALLOWED", "include[]"));
        yield return Query("skus", "fields=code", "fields[skus]=code", At("PARAM_NOT_ALLOWED", "fields"));
        yield return Query("skus", "fields[skus]=code,(SELECT 1)", "fields[skus]=code,name", At("INVALID_FIELD", "fields[skus]"));
        yield return Query("orders", "fields[widgets]=name", "fields[orders]=number", At("INVALID_FIELD", "fields[widgets]"));
        yield return Query("skus", "filter[code]=x", "filter[q][code_eq]=x", At("INVALID_FILTERS_SYNTAX", "filter[code]"));
        yield return Query("skus", "filter[q]=x", "filter[q][code_eq]=x", At("INVALID_FILTERS_SYNTAX", "filter[q]"));
        yield return Query("skus", "filter[q][code_unknown]=x", "filter[q][code_cont]=x", At("INVALID_FILTERS_SYNTAX", "filter[q][code_unknown]"));
        yield return Query("skus", "filter[q][description_eq]=x", "filter[q][name_eq]=x", At("FILTER_NOT_ALLOWED", "filter[q][description_eq]"));
        yield return Query("orders", "filter[q][created_at_gt]=yesterday", "filter[q][created_at_gt]=2000-01-01T00:00:00Z", At("INVALID_FILTERS_SYNTAX", "filter[q][created_at_gt]"));
        yield return Query("skus", "filter[q][code_in]=a,%00b", "filter[q][code_in]=a,b", At("INVALID_FILTERS_SYNTAX", "filter[q][code_in]"));
        yield return Query("skus", "include=' OR '1'='1", "include=prices", At("INVALID_INCLUDE", "include"));
        yield return Query("skus", "include=prices.sku.prices.sku", "include=prices.sku.prices", At("INVALID_INCLUDE", "include"));
        yield return Query("stock_items", "sort=code;DROP TABLE skus", "sort=-created_at", At("INVALID_SORT_CRITERIA", "sort"));
        yield return Query("skus", "sort=code,,name", "sort=code,name", At("INVALID_SORT_CRITERIA", "sort"));
        yield return Query("orders", "page[size]=26", "page[size]=25", At("INVALID_PAGE_VALUE", "page[size]"));
        yield return Query("skus", "page[size]=99999999999999999999", "page[size]=2", At("INVALID_PAGE_VALUE", "page[size]"));
        yield return Query("skus", "page[number]=0", "page[number]=1", At("INVALID_PAGE_VALUE", "page[number]"));
        yield return Query("line_items", "page[number]=abc", "page[number]=2", At("INVALID_PAGE_VALUE", "page[number]"));

        BadRequest Route(string name, HttpCall bad, ExpectedError expected, HttpCall valid, int status = 200) => new(name, bad, expected, valid, status);
        var notFound = new ExpectedError(404, "RECORD_NOT_FOUND");
        yield return Route("GET an order by a SKU's id", new("GET", "orders/{sku}"), notFound, new("GET", $"orders/{Order}"));
        yield return Route("GET an unknown relationship", new("GET", $"orders/{Order}/colours"), notFound, new("GET", $"orders/{Order}/line_items"));
        yield return Route("GET an unknown relationship's linkage", new("GET", $"orders/{Order}/relationships/colours"), notFound,
            new("GET", $"orders/{Order}/relationships/line_items"));
        yield return Route("GET an unknown type", new("GET", "widgets"), notFound, new("GET", "skus"));
        yield return Route("PATCH an order with a SKU's id", new("PATCH", "orders/{sku}", MediaType, Utf8("{\"data\":{\"type\":\"orders\",\"id\":\"{sku}\",\"attributes\":{\"reference\":\"x\"}}}")),
            notFound, new("PATCH", $"orders/{Order}", MediaType, Utf8($"{{\"data\":{{\"type\":\"orders\",\"id\":\"{Order}\",\"attributes\":{{\"reference\":\"x\"}}}}}}")));
        yield return Route("PATCH a relationship endpoint", new("PATCH", $"orders/{Order}/relationships/line_items", MediaType, Utf8("{\"data\":[]}")),
            new ExpectedError(403, "FORBIDDEN"), new("GET", $"orders/{Order}/relationships/line_items"));
        yield return Route("POST to a read-only type", new("POST", "authorizations", MediaType, Utf8("{\"data\":{\"type\":\"authorizations\",\"attributes\":{}}}")),
            new ExpectedError(405, "METHOD_NOT_ALLOWED"), new("GET", "authorizations"));
        yield return Route("DELETE a placed order", new("DELETE", "orders/{placed}"), ExpectedError.At(422, "VALIDATION_ERROR", "/data/attributes/status"),
            new("DELETE", "orders/{draft}"), 204);
    }
}
