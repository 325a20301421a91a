using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Authentication;

/// <summary>The role × operation matrix, and what each role may see.</summary>
public sealed class Access_rules : ApiFixture
{
    private const string Missing = "doesNotExist12";

    private static readonly string[] Types =
    [
        "skus", "prices", "stock_items", "shipping_methods", "payment_methods", "customers", "orders", "line_items", "addresses",
        "external_payments", "wire_transfers", "authorizations", "voids", "captures", "refunds",
    ];

    // What a sales channel may do, written from the README's table (not from the code's): customers only sign up.
    private static readonly Dictionary<string, string> SalesChannelMay = new()
    {
        ["skus"] = "list get", ["prices"] = "list get", ["stock_items"] = "list get", ["shipping_methods"] = "list get", ["payment_methods"] = "list get",
        ["customers"] = "create", ["orders"] = "create get update", ["line_items"] = "create get update delete",
        ["addresses"] = "create get update", ["external_payments"] = "create get update", ["wire_transfers"] = "create get",
        ["authorizations"] = "get", ["voids"] = "get", ["captures"] = "get", ["refunds"] = "get",
    };

    private static readonly string[] CustomerMayAlsoList = ["orders", "addresses", "external_payments", "wire_transfers", "customers"];

    // Read-only for everyone: writes are not offered at all (405).
    private static readonly string[] ReadOnlyTypes = ["authorizations", "voids", "captures", "refunds"];

    private static IEnumerable<TestCaseData> Matrix() =>
        from type in Types
        from operation in new[] { "list", "get", "create", "update", "delete" }
        select new TestCaseData(type, operation).SetName($"Role_matrix_for_{type}_{operation}");

    private JsonApiClient _salesChannel = null!;
    private JsonApiClient _customer = null!;

    [OneTimeSetUp]
    public async Task GetTokensOnce()
    {
        _salesChannel = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());
        _customer = Factory.CreateApiClient(await CustomerTokenAsync());
    }

    [TestCaseSource(nameof(Matrix))]
    public async Task Each_role_may_do_exactly_what_the_rules_allow(string type, string operation)
    {
        var salesChannel = _salesChannel;
        var customer = _customer;

        var integrationForbidden = await IsForbiddenAsync(Api, type, operation);
        var salesChannelForbidden = await IsForbiddenAsync(salesChannel, type, operation);
        var customerForbidden = await IsForbiddenAsync(customer, type, operation);
        if (ReadOnlyTypes.Contains(type) && operation is "create" or "update" or "delete")
        {
            Assert.That(new[] { integrationForbidden, salesChannelForbidden, customerForbidden }, Is.All.Null, "not offered (405) to anyone");
            return;
        }

        var salesChannelMay = SalesChannelMay[type].Split(' ').Contains(operation);
        var customerMay = salesChannelMay || (operation == "list" && CustomerMayAlsoList.Contains(type))
            || (type == "customers" && operation is "get" or "update"); // themselves
        Assert.That(integrationForbidden, Is.False, "an integration may do everything");
        Assert.That(salesChannelForbidden, Is.EqualTo(!salesChannelMay), "sales channel");
        Assert.That(customerForbidden, Is.EqualTo(!customerMay), "customer");
    }

    /// <summary>
    /// True for 403 FORBIDDEN, null for 405 (not offered), false for any other answer (a missing id is 404,
    /// an empty body 422: the rule let the request through).
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
            Assert.That(response.Error["code"]!.GetValue<string>(), Is.EqualTo("FORBIDDEN"));
            return true;
        }
        return false;
    }

    private async Task<string> CustomerTokenAsync(string? email = null)
    {
        email ??= $"{Guid.NewGuid():N}@example.com";
        await Api.PostAsync("customers", Document("customers", new { email, password = "long enough" }));
        return await Factory.GetCustomerTokenAsync(email, "long enough");
    }

    [Test]
    public async Task A_customer_sees_only_their_own_orders_and_another_customers_order_is_404()
    {
        var alice = Factory.CreateApiClient(await CustomerTokenAsync());
        var bob = Factory.CreateApiClient(await CustomerTokenAsync());
        var aliceOrder = await alice.PostAsync("orders", Document("orders", new { currency_code = "EUR" }));
        var bobOrder = await bob.PostAsync("orders", Document("orders", new { currency_code = "EUR" }));

        var aliceList = await alice.GetAsync("orders");
        var aliceReadsBob = await alice.GetAsync($"orders/{bobOrder.Id}");
        var aliceChangesBob = await alice.PatchAsync($"orders/{bobOrder.Id}", Document("orders", new { reference = "mine" }, id: bobOrder.Id));
        var aliceAddsToBob = await alice.PostAsync("line_items", Document("line_items", new { sku_code = "MUGXXXXX000000FFFFFFXXXX", quantity = 1 },
            new { order = ToOne("orders", bobOrder.Id) }));

        Assert.That(aliceList.Data.AsArray().Select(o => o!["id"]!.GetValue<string>()), Is.EqualTo(new[] { aliceOrder.Id }));
        Assert.That(aliceOrder.Attributes["guest"]!.GetValue<bool>(), Is.False, "a customer's order is linked to the customer");
        Assert.That(aliceReadsBob.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(aliceChangesBob.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(aliceAddsToBob.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Api.GetAsync($"orders/{bobOrder.Id}")).Attributes["reference"], Is.Null, "nothing changed");
    }

    [Test]
    public async Task A_customer_lists_only_their_own_addresses_and_sees_only_themself()
    {
        var alice = Factory.CreateApiClient(await CustomerTokenAsync());
        var bob = Factory.CreateApiClient(await CustomerTokenAsync());
        var address = new { first_name = "A", last_name = "B", line_1 = "Via Roma 1", city = "Milano", zip_code = "20100", country_code = "IT", phone = "+39 1" };
        var alicesAddress = await alice.PostAsync("addresses", Document("addresses", address));
        await bob.PostAsync("addresses", Document("addresses", address));

        var list = await alice.GetAsync("addresses");
        var customers = await alice.GetAsync("customers");

        Assert.That(list.Data.AsArray().Select(a => a!["id"]!.GetValue<string>()), Is.EqualTo(new[] { alicesAddress.Id }));
        Assert.That(customers.Data.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_sales_channel_cannot_list_orders_approve_or_change_a_placed_order()
    {
        var salesChannel = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());
        var order = await salesChannel.PostAsync("orders", Document("orders", new { currency_code = "EUR" }));

        var list = await salesChannel.GetAsync("orders");
        var approve = await salesChannel.PatchAsync($"orders/{order.Id}", Document("orders", new { _approve = true }, id: order.Id));
        var read = await salesChannel.GetAsync($"orders/{order.Id}");

        Assert.That(list.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(approve.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(approve.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/_approve" }));
        Assert.That(read.Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_sales_channel_placing_a_placed_order_again_gets_the_contracts_422_at_the_status()
    {
        var salesChannel = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());
        var order = await new CheckoutBuilder(salesChannel).BuildAsync();
        var first = await salesChannel.PatchAsync($"orders/{order.Id}", Document("orders", new { _place = true }, id: order.Id));

        var again = await salesChannel.PatchAsync($"orders/{order.Id}", Document("orders", new { _place = true }, id: order.Id));
        var change = await salesChannel.PatchAsync($"orders/{order.Id}", Document("orders", new { customer_email = "late@example.com" }, id: order.Id));

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.ToString());
        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), again.ToString());
        Assert.That(again.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/status" }));
        Assert.That(change.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), "the order's state refuses, not the caller's role");
        Assert.That((await Api.GetAsync($"orders/{order.Id}")).Attributes["customer_email"]!.GetValue<string>(), Is.Not.EqualTo("late@example.com"));
    }

    [Test]
    public async Task A_sales_channel_cannot_read_customers_nor_link_an_order_to_one()
    {
        var salesChannel = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());
        var customer = await Api.PostAsync("customers", Document("customers", new { email = $"{Guid.NewGuid():N}@example.com" }));
        var order = await salesChannel.PostAsync("orders", Document("orders", new { currency_code = "EUR" }));

        var read = await salesChannel.GetAsync($"customers/{customer.Id}");
        var link = await salesChannel.PatchAsync($"orders/{order.Id}", Document("orders", relationships: new { customer = ToOne("customers", customer.Id) }, id: order.Id));

        Assert.That(read.Status, Is.EqualTo(HttpStatusCode.Forbidden), "the role table: a sales channel only signs customers up");
        Assert.That(link.Status, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
