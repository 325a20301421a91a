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
/// Every request of <see cref="BadRequestCorpus"/> gets a 4xx JSON:API error document (never a 500), pointing at the
/// member when the problem is in the document, and the database is unchanged afterwards (row counts and a checksum
/// per table, before and after each request).
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
    /// <summary>The database as the previous request left it (requests run one after the other).</summary>
    private IReadOnlyDictionary<string, string>? _last;

    public static IEnumerable<TestCaseData> Corpus() =>
        BadRequestCorpus.All().Select(r => new TestCaseData(r).SetArgDisplayNames(r.Name));

    [Test]
    public void The_corpus_has_at_least_two_hundred_requests() =>
        Assert.That(BadRequestCorpus.All().Count(), Is.GreaterThanOrEqualTo(200));

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
        var sku = await _api.GetAsync("skus?page[size]=1");
        var stock = await _api.GetAsync("stock_items?page[size]=1");
        _ids = new()
        {
            ["{order}"] = order.Id, ["{placed}"] = placed.Id, ["{address}"] = order.BillingAddressId!, ["{source}"] = order.PaymentSourceId!,
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
    public async Task A_malformed_request_gets_a_4xx_JSON_API_error_and_changes_nothing(BadRequest bad)
    {
        var before = _last ?? await SnapshotAsync();
        _last = null;
        using var request = new HttpRequestMessage(new HttpMethod(bad.Method), Fill(bad.Path));
        request.Headers.Accept.ParseAdd(JsonApiClient.MediaType);
        if (bad.Body is not null)
        {
            request.Content = new ByteArrayContent(Fill(bad.Body));
            if (bad.ContentType is not null)
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(bad.ContentType);
        }
        else if (bad.ContentType is not null)
        {
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(bad.ContentType);
        }

        using var response = await _api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var shown = $"{status} {response.Content.Headers.ContentType} {(text.Length > 600 ? text[..600] + "…" : text)}";

        Assert.That(status, Is.InRange(400, 499), shown);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(JsonApiClient.MediaType), shown);
        var errors = JsonNode.Parse(text)?["errors"]?.AsArray();
        Assert.That(errors, Is.Not.Null.And.Not.Empty, shown);
        Assert.That(errors!.Select(e => e!["status"]?.GetValue<string>()), Has.Some.EqualTo(status.ToString(CultureInfo.InvariantCulture)), shown);
        if (bad.PointerExpected)
            Assert.That(errors.Any(e => e!["source"]?["pointer"] is not null), Is.True, "the error points at the member: " + shown);
        var after = await SnapshotAsync();
        Assert.That(after, Is.EqualTo(before), "the database is unchanged");
        _last = after;
    }

    private string Fill(string text)
    {
        foreach (var (placeholder, id) in _ids)
            text = text.Replace(placeholder, id, StringComparison.Ordinal);
        return text;
    }

    private byte[] Fill(byte[] body)
    {
        // Only bodies that are valid UTF-8 hold placeholders; the others are sent byte for byte.
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
            return text.Contains('{', StringComparison.Ordinal) && _ids.Keys.Any(text.Contains) ? Encoding.UTF8.GetBytes(Fill(text)) : body;
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
