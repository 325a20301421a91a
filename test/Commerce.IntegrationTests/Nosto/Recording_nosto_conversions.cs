using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Commerce.Api.GraphQL.Nosto;
using Commerce.Api.Persistence;
using Commerce.IntegrationTests.Infrastructure;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Nosto;

/// <summary>
/// Nosto's <c>placeOrder</c> records an order placed elsewhere as an ordinary order (an upsert by its number), and
/// <c>pages.forOrderPage</c> answers with the recommender's products; on SQLite and PostgreSQL.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSql")]
public sealed class Recording_nosto_conversions(string provider) : ProviderFixture(provider)
{
    private string _integrationToken = "";

    [OneTimeSetUp]
    public async Task GetIntegrationToken() => _integrationToken = await Factory.GetTokenAsync(new()
    {
        ["grant_type"] = "client_credentials", ["client_id"] = CommerceFactory.IntegrationId, ["client_secret"] = CommerceFactory.IntegrationSecret,
    });

    private GraphQLClient Nosto(string? token) => Factory.CreateGraphQLClient(NostoSchema.Path, token);

    /// <summary>POSTs a document to /v1/graphql as an integration; the answer's JSON (always 200 for a GraphQL request).</summary>
    private async Task<JsonNode> NostoAsync(string query)
    {
        var response = await Nosto(_integrationToken).SendAsync(query);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        return response.Body!;
    }

    private static string Conversion(string number, string status, params (string Sku, decimal Price, int Quantity)[] items) => $$"""
        mutation {
          placeOrder(by: BY_CID, id: "visitor-1", params: {
            customer: { email: "shopper@example.com" }
            order: {
              number: "{{number}}"
              orderStatus: "{{status}}"
              purchasedItems: [{{string.Join(" ", items.Select(i => $$"""{ skuId: "{{i.Sku}}" name: "Item" priceCurrencyCode: "EUR" unitPrice: {{i.Price.ToString(CultureInfo.InvariantCulture)}} quantity: {{i.Quantity}} }"""))}}]
            }
          }) { id status paymentStatus }
        }
        """;

    private static string OrderId(JsonNode answer)
    {
        Assert.That(answer["errors"], Is.Null, answer.ToJsonString());
        return answer["data"]!["placeOrder"]!["id"]!.GetValue<string>();
    }

    [Test]
    public async Task The_seeds_three_mutations_record_one_paid_order_and_recommend_other_products()
    {
        var first = OrderId(await NostoAsync(NostoSeed.ByReference));
        var second = OrderId(await NostoAsync(NostoSeed.ByCustomerId));
        var third = await NostoAsync(NostoSeed.WithOrderPageRecommendations);

        Assert.That(OrderId(third), Is.EqualTo(first));
        Assert.That(second, Is.EqualTo(first), "the same number updates the same order");
        var page = third["data"]!["placeOrder"]!["pages"]!["forOrderPage"]!.AsArray();
        Assert.That(page, Has.Count.EqualTo(1));
        Assert.That(page[0]!["divId"]!.GetValue<string>(), Is.EqualTo("thankyou-nosto-1"));
        Assert.That(page[0]!["resultId"]!.GetValue<string>(), Is.Not.Empty);
        var products = page[0]!["primary"]!.AsArray().Select(p => p!["productId"]!.GetValue<string>()).ToList();
        Assert.That(products, Has.Count.EqualTo(4).And.Not.Contain("11"), "padded with the catalog's best sellers, never the order's own product");

        var order = await Api.GetAsync($"orders/{first}?include=line_items");
        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.OK), order.ToString());
        var attributes = order.Attributes;
        Assert.That(attributes["reference"]!.GetValue<string>(), Is.EqualTo("25435"));
        Assert.That(attributes["status"]!.GetValue<string>(), Is.EqualTo("placed"));
        Assert.That(attributes["payment_status"]!.GetValue<string>(), Is.EqualTo("paid"));
        Assert.That(attributes["total_amount_cents"]!.GetValue<long>(), Is.EqualTo(2243));
        Assert.That(attributes["currency_code"]!.GetValue<string>(), Is.EqualTo("EUR"));
        Assert.That(attributes["customer_email"]!.GetValue<string>(), Is.EqualTo("mridang@nosto.com"));
        Assert.That(attributes["number"]!.GetValue<long>(), Is.Positive);
        var metadata = attributes["metadata"]!;
        Assert.That(metadata["nosto_order_status"]!.GetValue<string>(), Is.EqualTo("paid"));
        Assert.That(metadata["nosto_payment_provider"]!.GetValue<string>(), Is.EqualTo("klarna"));
        Assert.That(metadata["nosto_ref"]!.GetValue<string>(), Is.EqualTo("0010"));
        Assert.That(metadata["nosto_linked_by"]!.GetValue<string>(), Is.EqualTo("BY_REF"), "the last recording linked by reference");
        Assert.That(metadata["nosto_customer_reference"]!.GetValue<string>(), Is.EqualTo("514421fce84abcb61bd45241"), "no customer has that reference: kept");
        Assert.That(metadata["nosto_visitor_id"], Is.Null, "the BY_ID recording's visitor id was replaced by the last recording");
        var lines = order.Body!["included"]!.AsArray();
        Assert.That(lines, Has.Count.EqualTo(1));
        Assert.That(lines[0]!["attributes"]!["sku_code"]!.GetValue<string>(), Is.EqualTo("11"));
        Assert.That(lines[0]!["attributes"]!["unit_amount_cents"]!.GetValue<long>(), Is.EqualTo(2243));
    }

    [Test]
    public async Task Recording_takes_no_stock_and_asks_no_gateway()
    {
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 1000 }, stock: 5);

        var id = OrderId(await NostoAsync(Conversion(Unique("N"), "paid", (sku.Code, 10m, 3))));

        Assert.That((await Api.GetAsync($"skus/{sku.Id}/stock_item")).Attributes["quantity"]!.GetValue<int>(), Is.EqualTo(5));
        Assert.That((await Api.GetAsync($"orders/{id}/authorizations")).Data.AsArray(), Is.Empty);
        var refund = await Api.TriggerAsync(id, "_refund");
        Assert.That(refund.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), refund.ToString());
        Assert.That(refund.ErrorPointers, Does.Contain("/data/attributes/status"));
    }

    [Test]
    public async Task Recommendations_follow_recorded_co_purchases_and_their_updates()
    {
        var skus = new TestCatalog.NewSku[3];
        for (var i = 0; i < skus.Length; i++)
            skus[i] = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 1000 });
        var (a, b, c) = (skus[0], skus[1], skus[2]);
        var number = Unique("N");
        await NostoAsync(Conversion(number, "paid", (a.Code, 10m, 1), (b.Code, 10m, 1)));
        await NostoAsync(Conversion(Unique("N"), "paid", (a.Code, 10m, 1), (c.Code, 10m, 1)));
        var cart = (await new CheckoutBuilder(Api).WithItem(a.Code).BuildAsync()).Id;
        async Task<string> FirstAsync() => (await Api.GetAsync($"orders/{cart}/recommendations")).Data[0]!["attributes"]!["code"]!.GetValue<string>();
        var tie = await FirstAsync();

        await NostoAsync(Conversion(Unique("N"), "paid", (a.Code, 10m, 1), (b.Code, 10m, 1)));
        var afterAnother = await FirstAsync();
        await NostoAsync(Conversion(number, "cancelled", (a.Code, 10m, 1), (b.Code, 10m, 1)));
        await NostoAsync(Conversion(Unique("N"), "paid", (a.Code, 10m, 1), (c.Code, 10m, 1)));
        var afterCancelling = await FirstAsync();

        Assert.That(tie, Is.EqualTo(new[] { b.Code, c.Code }.Min(StringComparer.Ordinal)), "one each: by code");
        Assert.That(afterAnother, Is.EqualTo(b.Code), "two with B, one with C");
        Assert.That(afterCancelling, Is.EqualTo(c.Code), "one of B's orders cancelled, a second with C recorded");
    }

    [Test]
    public async Task Concurrent_recordings_of_one_number_make_one_order()
    {
        var number = Unique("N");
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 1000 });

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => NostoAsync(Conversion(number, "paid", (sku.Code, 12.5m, 1))))));

        Assert.That(answers.Select(OrderId).Distinct().Count(), Is.EqualTo(1), string.Join("\n", answers.Select(a => a.ToJsonString())));
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        Assert.That(await db.RecordedConversions.CountAsync(c => c.Number == number), Is.EqualTo(1));
        Assert.That(await db.Orders.CountAsync(o => o.Reference == number), Is.EqualTo(1));
        Assert.That(await db.SkuSales.Where(s => s.SkuId == sku.Id).Select(s => s.OrdersCount).SingleAsync(), Is.EqualTo(1), "counted once");
    }

    [Test]
    public async Task By_reference_links_the_customer_with_that_reference()
    {
        var reference = Unique("REF");
        var customer = await Api.PostAsync("customers", Document("customers", new { email = $"{Guid.NewGuid():N}@example.com", reference }));
        Assert.That(customer.Status, Is.EqualTo(HttpStatusCode.Created), customer.ToString());
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 1000 });

        var answer = await NostoAsync(Conversion(Unique("N"), "paid", (sku.Code, 1m, 1)).Replace("by: BY_CID, id: \"visitor-1\"", $"by: BY_REF, id: \"{reference}\""));

        var order = await Api.GetAsync($"orders/{OrderId(answer)}/customer");
        Assert.That(order.Id, Is.EqualTo(customer.Id));
    }

    [Test]
    public async Task Bad_conversions_are_errors_that_change_nothing()
    {
        var number = Unique("N");

        var badCurrency = await NostoAsync(Conversion(number, "paid", ("SKU-X", 1m, 1)).Replace("\"EUR\"", "\"XXX\""));
        var noItems = await NostoAsync(Conversion(number, "paid"));
        var badQuantity = await NostoAsync(Conversion(number, "paid", ("SKU-X", 1m, 0)));
        var unknownPage = await NostoAsync("""{ order(number: "no-such-order") { id pages { forOrderPage(value: "no-such-order") { divId } } } }""");

        foreach (var answer in new[] { badCurrency, noItems, badQuantity })
            Assert.That(answer["errors"]!.AsArray(), Is.Not.Empty, answer.ToJsonString());
        Assert.That(unknownPage["data"]!["order"], Is.Null);
        await using var scope = Factory.Services.CreateAsyncScope();
        Assert.That(await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().RecordedConversions.AnyAsync(c => c.Number == number), Is.False);
    }

    [Test]
    public async Task Nostos_basic_header_is_taken_as_the_token()
    {
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + _integrationToken)));

        var response = await Nosto(null).PostAsync(System.Text.Json.JsonSerializer.Serialize(new { query = NostoSeed.ByCustomerId }), "application/json", basic);

        Assert.That(OrderId(response.Body!), Is.Not.Empty);
    }

    [Test]
    public async Task Only_an_integration_may_record_conversions()
    {
        var salesChannel = Nosto(await Factory.GetSalesChannelTokenAsync());

        var refused = await salesChannel.SendAsync(NostoSeed.ByReference);
        var anonymous = await Nosto(null).SendAsync(NostoSeed.ByReference);

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(refused.Errors![0]!["extensions"]!["code"]!.GetValue<string>(), Is.EqualTo("FORBIDDEN"), refused.ToString());
        Assert.That(refused.Data?["placeOrder"], Is.Null);
        Assert.That(anonymous.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Several_slots_each_get_their_own_stable_result_id()
    {
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 1000 });
        var number = Unique("N");
        await NostoAsync(Conversion(number, "paid", (sku.Code, 10m, 1)));
        var query = $$"""{ order(number: "{{number}}") { pages { forOrderPage(value: "{{number}}", params: { slotIds: ["a", "b"] }) { divId resultId primary { productId name price priceText currencyCode imageUrl } } } } }""";

        var first = await NostoAsync(query);
        var again = await NostoAsync(query);

        Assert.That(first["errors"], Is.Null, first.ToJsonString());
        var slots = first["data"]!["order"]!["pages"]!["forOrderPage"]!.AsArray();
        Assert.That(slots.Select(s => s!["divId"]!.GetValue<string>()), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(slots[0]!["resultId"]!.GetValue<string>(), Is.Not.EqualTo(slots[1]!["resultId"]!.GetValue<string>()));
        Assert.That(again.ToJsonString(), Is.EqualTo(first.ToJsonString()), "the same answer, result ids included");
        var product = slots[0]!["primary"]![0]!;
        Assert.That(product["currencyCode"], Is.Not.Null, first.ToJsonString());
        Assert.That(product["currencyCode"]!.GetValue<string>(), Is.EqualTo("EUR"));
        Assert.That(product["price"]!.GetValue<double>(), Is.Positive);
        Assert.That(product["priceText"]!.GetValue<string>(), Does.StartWith("€"));
    }
}
