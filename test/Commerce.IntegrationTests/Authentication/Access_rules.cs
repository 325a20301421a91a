using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Authentication;

/// <summary>What each role may see and change beyond the role table's cells (those are The_documented_role_table).</summary>
public sealed class Access_rules : ApiFixture
{
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
