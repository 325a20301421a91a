using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Orders;

/// <summary>An order linked to a customer: the email comes from the customer, and placed orders are counted.</summary>
public sealed class Customers_of_orders : ApiFixture
{
    private async Task<string> NewCustomer()
    {
        var customer = await Api.PostAsync("customers", Document("customers", new { email = $"{Guid.NewGuid():N}@example.com" }));
        Assert.That(customer.Status, Is.EqualTo(HttpStatusCode.Created), customer.ToString());
        return customer.Id;
    }

    private async Task<string> PlaceFor(string customerId)
    {
        var order = await new CheckoutBuilder(Api).WithEmail(null).BuildAsync();
        var linked = await Api.PatchAsync($"orders/{order.Id}", Document("orders", relationships: new { customer = ToOne("customers", customerId) }, id: order.Id));
        Assert.That(linked.Status, Is.EqualTo(HttpStatusCode.OK), linked.ToString());
        var placed = await Api.PlaceAsync(order.Id);
        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        return order.Id;
    }

    [Test]
    public async Task A_linked_customer_with_a_password_gives_the_order_its_email_and_the_order_is_not_a_guest_order()
    {
        var created = await Api.PostAsync("customers", Document("customers", new { email = $"{Guid.NewGuid():N}@example.com", password = "correct horse battery" }));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        var customer = created.Id;
        var email = (await Api.GetAsync($"customers/{customer}")).Attributes.Text("email");
        var order = await new CheckoutBuilder(Api).WithEmail(null).BuildAsync();

        var linked = await Api.PatchAsync($"orders/{order.Id}", Document("orders", relationships: new { customer = ToOne("customers", customer) }, id: order.Id));

        Assert.That(linked.Attributes.Text("customer_email"), Is.EqualTo(email));
        Assert.That(linked.Attributes["guest"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task An_order_linked_to_a_customer_without_a_password_is_still_a_guest_order()
    {
        var customer = await NewCustomer();
        var order = await new CheckoutBuilder(Api).WithEmail(null).BuildAsync();

        var linked = await Api.PatchAsync($"orders/{order.Id}", Document("orders", relationships: new { customer = ToOne("customers", customer) }, id: order.Id));

        Assert.That(linked.Status, Is.EqualTo(HttpStatusCode.OK), linked.ToString());
        Assert.That(linked.Attributes["guest"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Placed_orders_are_counted_on_the_customer()
    {
        var customer = await NewCustomer();
        Assert.That((await Api.GetAsync($"customers/{customer}")).Attributes.Text("status"), Is.EqualTo("prospect"));

        await PlaceFor(customer);
        var once = (await Api.GetAsync($"customers/{customer}")).Attributes;
        await PlaceFor(customer);
        var twice = (await Api.GetAsync($"customers/{customer}")).Attributes;

        Assert.That(once["total_orders_count"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(once.Text("status"), Is.EqualTo("acquired"));
        Assert.That(twice["total_orders_count"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(twice.Text("status"), Is.EqualTo("repeat"));
    }

    [Test]
    public async Task The_placement_answer_includes_the_customer_as_counted()
    {
        var customer = await NewCustomer();
        var order = await new CheckoutBuilder(Api).WithEmail(null).BuildAsync();
        await Api.PatchAsync($"orders/{order.Id}", Document("orders", relationships: new { customer = ToOne("customers", customer) }, id: order.Id));

        var placed = await Api.PatchAsync($"orders/{order.Id}?include=customer", Document("orders", new Dictionary<string, object?> { ["_place"] = true }, id: order.Id));

        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        var included = placed.Body!["included"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == customer)!;
        Assert.That(included["attributes"]!["total_orders_count"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(included["attributes"]!["status"]!.GetValue<string>(), Is.EqualTo("acquired"));
    }

    [Test]
    public async Task A_declined_placement_is_not_counted()
    {
        var customer = await NewCustomer();
        var order = await new CheckoutBuilder(Api).PaidByCard("tok_chargeDeclined").BuildAsync();
        await Api.PatchAsync($"orders/{order.Id}", Document("orders", relationships: new { customer = ToOne("customers", customer) }, id: order.Id));

        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));

        var after = (await Api.GetAsync($"customers/{customer}")).Attributes;
        Assert.That(after["total_orders_count"]!.GetValue<int>(), Is.Zero);
        Assert.That(after.Text("status"), Is.EqualTo("prospect"));
    }

    [Test]
    public async Task Orders_of_one_customer_placed_at_the_same_time_are_all_counted()
    {
        var customer = await NewCustomer();
        var orders = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var order = await new CheckoutBuilder(Api).WithEmail(null).BuildAsync();
            await Api.PatchAsync($"orders/{order.Id}", Document("orders", relationships: new { customer = ToOne("customers", customer) }, id: order.Id));
            orders.Add(order.Id);
        }

        var responses = await Task.WhenAll(orders.Select(id => Task.Run(() => Api.PlaceAsync(id))));

        Assert.That(responses.Select(r => r.Status), Is.Not.Empty.And.All.EqualTo(HttpStatusCode.OK), string.Join("\n", responses.Select(r => r.ToString())));
        Assert.That((await Api.GetAsync($"customers/{customer}")).Attributes["total_orders_count"]!.GetValue<int>(), Is.EqualTo(6));
    }
}
