using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Commerce.ReliabilityTests.Infrastructure;

namespace Commerce.ReliabilityTests.BadInput;

/// <summary>
/// Every case of <see cref="BadRequestCorpus"/> gets exactly the error it states (status, code, and the pointer, parameter
/// or header it names), as a JSON:API error document, never a 500; the database is unchanged afterwards (row counts and a
/// checksum per table, before and after); and the case's valid counterpart, the same request with the fault repaired,
/// then succeeds, so that no case passes because its route is broken.
/// </summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.PostgreSql)]
[NonParallelizable]
public sealed class Bad_input(Provider provider)
{
    private TestDatabase _database = null!;
    private CommerceFactory _factory = null!;
    private JsonApiClient _api = null!;
    private Dictionary<string, string> _ids = null!;

    public static IEnumerable<TestCaseData> Corpus() =>
        BadRequestCorpus.All().Select(r => new TestCaseData(r).SetArgDisplayNames(r.Name));

    [Test]
    public void Each_case_of_the_corpus_is_named_once_and_refuses_a_request_no_other_case_sends()
    {
        var cases = BadRequestCorpus.All().ToList();
        static string Key(HttpCall call) => $"{call.Method} {call.Path} {call.ContentType} {call.Accept} {(call.Body is null ? "" : Convert.ToHexString(SHA256.HashData(call.Body)))}";

        Assert.That(cases, Has.Count.GreaterThanOrEqualTo(60));
        Assert.That(cases.Select(c => c.Name), Is.Unique);
        Assert.That(cases.Select(c => Key(c.Bad)), Is.Unique);
        Assert.That(cases.Where(c => Key(c.Bad) == Key(c.Valid)).Select(c => c.Name), Is.Empty, "a valid counterpart differs from its malformed request");
        Assert.That(cases.Select(c => c.ValidStatus), Is.Not.Empty.And.All.InRange(200, 299));
    }

    [OneTimeSetUp]
    public async Task Start()
    {
        _database = TestDatabase.Create(provider);
        _factory = new CommerceFactory(new Dictionary<string, string?>(_database.FactorySettings())
        {
            ["Limits:PerCallerPerMinute"] = "1000000",
            ["Limits:PerApplicationPerMinute"] = "1000000",
            ["Limits:PerIpPerMinute"] = "1000000",
        });
        _api = Shop.Client(_factory, Figures.For(provider));
        var order = await new CheckoutBuilder(_api).BuildAsync();
        var placed = await new CheckoutBuilder(_api).PaidByWireTransfer().BuildAsync();
        Assert.That((await _api.PlaceAsync(placed.Id)).Status, Is.EqualTo(HttpStatusCode.OK));
        var draft = await _api.PostAsync("orders", Document("orders", new { currency_code = "EUR" }));
        var sku = await _api.GetAsync("skus?page[size]=1");
        var stock = await _api.GetAsync("stock_items?page[size]=1");
        _ids = new()
        {
            ["{order}"] = order.Id, ["{placed}"] = placed.Id, ["{draft}"] = draft.Id,
            ["{sku}"] = sku.Data[0]!["id"]!.GetValue<string>(), ["{stock}"] = stock.Data[0]!["id"]!.GetValue<string>(),
        };
        await Eventually.OutboxIdleAsync(_api);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _api?.Http.Dispose();
        _factory?.Dispose();
        if (_database is not null)
            await _database.DisposeAsync();
    }

    [TestCaseSource(nameof(Corpus))]
    public async Task A_malformed_request_gets_its_stated_error_and_changes_nothing_and_its_valid_counterpart_succeeds(BadRequest bad)
    {
        // The previous case's valid counterpart may have left outbox work (an order created records orders.create): it
        // finishes first, so the snapshots compare what this case's malformed request did and nothing else.
        await Eventually.OutboxIdleAsync(_api);
        var before = await SnapshotAsync();

        var (status, contentType, text) = await SendAsync(bad.Bad);
        var shown = $"{status} {contentType} {(text.Length > 600 ? text[..600] + "…" : text)}";

        Assert.That(status, Is.EqualTo(bad.Expected.Status), shown);
        Assert.That(contentType, Is.EqualTo(JsonApiClient.MediaType), shown);
        var errors = JsonNode.Parse(text)?["errors"]?.AsArray();
        Assert.That(errors, Has.Count.EqualTo(1), "one fault, one error: " + shown);
        var error = errors![0]!;
        Assert.That(error["status"]?.GetValue<string>(), Is.EqualTo(bad.Expected.Status.ToString(CultureInfo.InvariantCulture)), shown);
        Assert.That(error["code"]?.GetValue<string>(), Is.EqualTo(bad.Expected.Code), shown);
        var source = error["source"]?.AsObject();
        if (bad.Expected.Kind == SourceKind.None)
            Assert.That(source, Is.Null, "the request as a whole is refused: " + shown);
        else
        {
            var member = bad.Expected.Kind.ToString().ToLowerInvariant();
            Assert.That(source?.Select(p => p.Key), Is.EqualTo(new[] { member }), shown);
            Assert.That(source![member]!.GetValue<string>(), Is.EqualTo(bad.Expected.Source), shown);
        }
        Assert.That(await SnapshotAsync(), Is.EqualTo(before), "the database is unchanged");

        var (validStatus, _, validText) = await SendAsync(bad.Valid);
        Assert.That(validStatus, Is.EqualTo(bad.ValidStatus), $"the valid counterpart {bad.Valid}: {validStatus} {(validText.Length > 600 ? validText[..600] + "…" : validText)}");
    }

    private async Task<(int Status, string? ContentType, string Text)> SendAsync(HttpCall call)
    {
        using var request = new HttpRequestMessage(new HttpMethod(call.Method), Fill(call.Path));
        request.Headers.Accept.ParseAdd(call.Accept ?? JsonApiClient.MediaType);
        if (call.Body is not null || call.ContentType is not null)
        {
            request.Content = new ByteArrayContent(call.Body is null ? [] : Fill(call.Body));
            if (call.ContentType is not null)
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(call.ContentType);
        }
        using var response = await _api.Http.SendAsync(request);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    private string Fill(string text)
    {
        foreach (var (placeholder, id) in _ids)
            text = text.Replace(placeholder, id, StringComparison.Ordinal);
        return text.Replace("{unique}", Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(), StringComparison.Ordinal);
    }

    private byte[] Fill(byte[] body)
    {
        // Only bodies that are valid UTF-8 hold placeholders; the others are sent byte for byte.
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
            return text.Contains('{', StringComparison.Ordinal) ? Encoding.UTF8.GetBytes(Fill(text)) : body;
        }
        catch (DecoderFallbackException)
        {
            return body;
        }
    }

    /// <summary>Per table: the row count and an order-independent checksum of every row's values.</summary>
    private async Task<IReadOnlyDictionary<string, string>> SnapshotAsync()
    {
        await using var connection = await _database.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = provider == Provider.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
            snapshot[table] = await ChecksumAsync(connection, table);
        return snapshot;
    }

    private static async Task<string> ChecksumAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        await using var reader = await command.ExecuteReaderAsync();
        ulong sum = 0;
        var rows = 0;
        while (await reader.ReadAsync())
        {
            var row = new StringBuilder();
            for (var i = 0; i < reader.FieldCount; i++)
                row.Append(reader.IsDBNull(i) ? "∅" : reader.GetValue(i) is byte[] bytes ? Convert.ToHexString(bytes) : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('\u001f');
            sum += BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(row.ToString())), 0);
            rows++;
        }
        return $"{rows} rows, {sum:x16}";
    }
}
