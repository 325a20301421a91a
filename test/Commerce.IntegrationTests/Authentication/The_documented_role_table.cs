using System.Net;
using System.Text.RegularExpressions;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Authentication;

/// <summary>
/// Every cell of the role table in <c>docs/authentication-and-roles.md</c> ("Who may do what"), read from the document
/// itself, not from <c>AccessPolicy.cs</c>: for each type, operation and role, a 403 exactly where the table refuses.
/// The table's phrases are read through <see cref="Phrases"/>, a dictionary of what each phrase grants; a phrase not in
/// it fails the test, so the document and the test cannot drift apart silently.
/// </summary>
public sealed partial class The_documented_role_table : ApiFixture
{
    private const string Missing = "doesNotExist12";
    private static readonly string[] Operations = ["list", "get", "create", "update", "delete"];
    private static readonly string[] All = Operations;

    /// <summary>What each phrase of the table grants, by type where the phrase says so.</summary>
    private static readonly Dictionary<string, Func<string, IReadOnlySet<string>?, string[]>> Phrases = new()
    {
        ["all"] = (_, _) => All,
        ["all they offer"] = (_, _) => All,
        ["all (their own)"] = (_, _) => All,
        ["yes"] = (_, _) => All,
        ["— (403)"] = (_, _) => [],
        ["**403**"] = (_, _) => [],
        ["list, get"] = (_, _) => ["list", "get"],
        ["get, list"] = (_, _) => ["get", "list"],
        ["get"] = (_, _) => ["get"],
        ["get (own orders)"] = (_, _) => ["get"],
        ["create, get"] = (_, _) => ["create", "get"],
        ["create (sign-up)"] = (_, _) => ["create"],
        ["create (sign-up); list and get themselves, change themselves"] = (_, _) => ["create", "list", "get", "update"],
        ["create; get and change by id (change only while draft/pending)"] = (_, _) => ["create", "get", "update"],
        ["as sales channel, plus list; own orders only"] = (_, salesChannel) => [.. salesChannel!, "list"],
        ["create, get, change (line items also delete; a wire transfer has nothing to change)"] = (type, _) => type switch
        {
            "line_items" => ["create", "get", "update", "delete"],
            "wire_transfers" => ["create", "get"],
            _ => ["create", "get", "update"],
        },
        ["as sales channel; lists of own addresses and sources"] = (type, salesChannel) =>
            type is "addresses" or "external_payments" or "wire_transfers" ? [.. salesChannel!, "list"] : [.. salesChannel!],
    };

    /// <summary>Types whose resource offers only reads: their writes are 405 to every role, before any role is asked.</summary>
    private static readonly string[] ReadOnlyTypes = ["authorizations", "voids", "captures", "refunds", "shipments", "events", "event_callbacks"];

    private sealed record Row(string[] Types, string Integration, string SalesChannel, string Customer);

    [GeneratedRegex("`([a-z_]+)`")]
    private static partial Regex Backticked();

    private static string RepositoryFile(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Commerce.sln")))
            directory = directory.Parent;
        Assert.That(directory, Is.Not.Null, "Commerce.sln not found above " + AppContext.BaseDirectory);
        return Path.Combine(directory!.FullName, relative);
    }

    /// <summary>The rows of types and triggers of the table under "## Who may do what" (header and separator left out).</summary>
    private static List<Row> DocumentedRows()
    {
        var lines = File.ReadAllLines(RepositoryFile("docs/authentication-and-roles.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("## Who may do what", StringComparison.Ordinal));
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "the section 'Who may do what'");
        var table = lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.That(table[0], Does.Contain("integration").And.Contain("sales channel").And.Contain("customer"), "the header names the three roles in that order");
        // Rows about routes that are not /api resource types (a path such as `orders/:id/recommendations`, a GraphQL schema)
        // are proven by their own tests: only rows of types and triggers are read here.
        return table.Skip(2).Where(line => !line.Trim('|').Split('|')[0].Contains('/', StringComparison.Ordinal)).Select(line =>
        {
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            Assert.That(cells, Has.Length.EqualTo(4), line);
            var types = Backticked().Matches(cells[0]).Select(m => m.Groups[1].Value).ToArray();
            Assert.That(types, Is.Not.Empty, line);
            return new Row(types, cells[1], cells[2], cells[3]);
        }).ToList();
    }

    private static string[] Grants(string phrase, string type, IReadOnlySet<string>? salesChannel)
    {
        Assert.That(Phrases.ContainsKey(phrase), Is.True, $"the table's phrase '{phrase}' is not one this test can read: add what it grants to Phrases");
        return Phrases[phrase](type, salesChannel);
    }

    public static IEnumerable<TestCaseData> TypeCells()
    {
        foreach (var row in DocumentedRows().Where(r => !r.Types[0].StartsWith('_')))
            foreach (var type in row.Types)
                foreach (var operation in Operations)
                    yield return new TestCaseData(type, operation).SetName($"The_table_decides_who_may_{operation}_{type}");
    }

    public static IEnumerable<TestCaseData> TriggerCells()
    {
        var triggers = DocumentedRows().Where(r => r.Types[0].StartsWith('_')).ToList();
        Assert.That(triggers, Has.Count.EqualTo(1), "one row of integration-only triggers");
        foreach (var trigger in triggers[0].Types)
            foreach (var placed in new[] { false, true })
                yield return new TestCaseData(trigger, placed).SetName($"The_table_decides_who_may_send_{trigger}_to_a_{(placed ? "placed" : "draft")}_order");
    }

    [Test]
    public void The_table_names_the_types_and_triggers_the_issue_asks_about()
    {
        var named = DocumentedRows().SelectMany(r => r.Types).ToList();
        Assert.That(named, Is.SupersetOf(new[] { "shipments", "events", "webhooks", "event_callbacks", "_approve", "_capture", "_refund", "_cancel", "orders", "customers" }));
    }

    private JsonApiClient _salesChannel = null!;
    private JsonApiClient _customer = null!;

    [OneTimeSetUp]
    public async Task GetTokensOnce()
    {
        _salesChannel = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());
        var email = $"{Guid.NewGuid():N}@example.com";
        Assert.That((await Api.PostAsync("customers", Document("customers", new { email, password = "long enough" }))).Status, Is.EqualTo(HttpStatusCode.Created));
        _customer = Factory.CreateApiClient(await Factory.GetCustomerTokenAsync(email, "long enough"));
    }

    [TestCaseSource(nameof(TypeCells))]
    public async Task Each_role_gets_403_exactly_where_the_table_refuses(string type, string operation)
    {
        var row = DocumentedRows().Single(r => r.Types.Contains(type));
        var salesChannelMay = Grants(row.SalesChannel, type, null).ToHashSet();
        var expected = new Dictionary<string, bool>
        {
            ["integration"] = !Grants(row.Integration, type, null).Contains(operation),
            ["sales channel"] = !salesChannelMay.Contains(operation),
            ["customer"] = !Grants(row.Customer, type, salesChannelMay).Contains(operation),
        };

        var actual = new Dictionary<string, bool?>
        {
            ["integration"] = await IsForbiddenAsync(Api, type, operation),
            ["sales channel"] = await IsForbiddenAsync(_salesChannel, type, operation),
            ["customer"] = await IsForbiddenAsync(_customer, type, operation),
        };

        if (ReadOnlyTypes.Contains(type) && operation is "create" or "update" or "delete")
            Assert.That(actual.Values, Has.Count.EqualTo(3).And.All.Null, "a read-only type's writes are 405 to everyone");
        else
            Assert.That(actual, Is.EqualTo(expected.ToDictionary(e => e.Key, e => (bool?)e.Value)),
                $"403 per role for {operation} {type}: expected {string.Join(", ", expected)}, was {string.Join(", ", actual)}");
    }

    [TestCaseSource(nameof(TriggerCells))]
    public async Task An_integration_only_trigger_is_403_at_the_trigger_for_the_roles_the_table_refuses(string trigger, bool placed)
    {
        var row = DocumentedRows().Single(r => r.Types.Contains(trigger));
        var refused = new Dictionary<string, bool>
        {
            ["integration"] = Grants(row.Integration, trigger, null).Length == 0,
            ["sales channel"] = Grants(row.SalesChannel, trigger, null).Length == 0,
            ["customer"] = Grants(row.Customer, trigger, null).Length == 0,
        };
        var actual = new Dictionary<string, bool>();

        foreach (var (role, client) in new[] { ("integration", Api), ("sales channel", _salesChannel), ("customer", _customer) })
        {
            // Each role sends the trigger to an order it may read: its own.
            var order = await new CheckoutBuilder(client).PaidByWireTransfer().BuildAsync();
            if (placed)
                Assert.That((await client.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.OK));
            var response = await client.PatchAsync($"orders/{order.Id}", Document("orders", new Dictionary<string, object> { [trigger] = true }, id: order.Id));
            Assert.That(response.Status, Is.Not.EqualTo(HttpStatusCode.InternalServerError).And.Not.EqualTo(HttpStatusCode.NotFound), $"{role}: {response}");
            actual[role] = response.Status == HttpStatusCode.Forbidden;
            if (actual[role])
            {
                Assert.That(response.Error["code"]!.GetValue<string>(), Is.EqualTo("FORBIDDEN"), $"{role}: {response}");
                Assert.That(response.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/" + trigger }), $"{role}: the 403 is at the trigger");
            }
        }

        Assert.That(actual, Is.EqualTo(refused));
    }

    /// <summary>
    /// True for 403 FORBIDDEN, null for 405 (not offered), false for any other answer (a missing id is 404, an empty body
    /// 422: the role let the request through).
    /// </summary>
    private static async Task<bool?> IsForbiddenAsync(JsonApiClient client, string type, string operation)
    {
        var response = operation switch
        {
            "list" => await client.GetAsync(type),
            "get" => await client.GetAsync($"{type}/{Missing}"),
            "create" => await client.PostAsync(type, Document(type, new { })),
            "update" => await client.PatchAsync($"{type}/{Missing}", Document(type, new { }, id: Missing)),
            _ => await client.DeleteAsync($"{type}/{Missing}"),
        };
        Assert.That(response.Status, Is.Not.EqualTo(HttpStatusCode.Unauthorized).And.Not.EqualTo(HttpStatusCode.InternalServerError), response.ToString());
        if (response.Status == HttpStatusCode.MethodNotAllowed)
            return null;
        if (response.Status == HttpStatusCode.Forbidden)
        {
            Assert.That(response.Error["code"]!.GetValue<string>(), Is.EqualTo("FORBIDDEN"), response.ToString());
            return true;
        }
        return false;
    }
}
