using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Compatibility;

/// <summary>
/// <c>customer_addresses</c> and <c>customer_payment_sources</c> (a customer's own through its token, an integration's all, a sales
/// channel's none) and the order triggers that use them: cloning takes only what the caller may read, and the <c>_save_*</c>
/// requests are carried out once, when the order is placed.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSql")]
public sealed class Customer_address_book_and_wallet(string provider) : ProviderFixture(provider)
{
    private async Task<(JsonApiClient Client, string Id, string Email)> NewCustomerAsync()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var created = await Api.PostAsync("customers", Document("customers", new { email, password = "long enough" }));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        return (Factory.CreateApiClient(await Factory.GetCustomerTokenAsync(email, "long enough")), created.Id, email);
    }

    private async Task<JsonApiClient> SalesChannelAsync() =>
        Factory.CreateApiClient(await Factory.GetTokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = CommerceFactory.SalesChannelId }));

    private static async Task<string> BookAddressAsync(JsonApiClient customer)
    {
        var address = await CheckoutBuilder.CreateAddressAsync(customer, "IT");
        var entry = await customer.PostAsync("customer_addresses", Document("customer_addresses", null, new { address = ToOne("addresses", address) }));
        Assert.That(entry.Status, Is.EqualTo(HttpStatusCode.Created), entry.ToString());
        return address;
    }

    [Test]
    public async Task A_customer_keeps_an_address_in_its_book_and_an_order_takes_a_copy_of_it()
    {
        var (alice, aliceId, email) = await NewCustomerAsync();
        var address = await BookAddressAsync(alice);

        var book = await alice.GetAsync("customer_addresses?include=address");
        var order = await new CheckoutBuilder(alice).WithoutBillingAddress().WithoutShippingAddress().BuildAsync();
        var cloned = await alice.PatchAsync($"orders/{order.Id}?include=billing_address,shipping_address", Document("orders",
            new Dictionary<string, object?> { ["_billing_address_clone_id"] = address, ["_shipping_address_same_as_billing"] = true }, id: order.Id));

        Assert.That(book.Status, Is.EqualTo(HttpStatusCode.OK), book.ToString());
        var entry = book.Data.AsArray().Single()!;
        Assert.That(entry["attributes"]!.Text("customer_email"), Is.EqualTo(email));
        Assert.That(entry["attributes"]!.Text("name"), Is.EqualTo("Ada Lovelace, Via Roma 1, 20100 Milano MI (IT) +39 02 1234567"));
        Assert.That(entry["relationships"]!["address"]!["data"]!["id"]!.GetValue<string>(), Is.EqualTo(address));
        var included = book.Body!["included"]!.AsArray().Single()!["attributes"]!;
        Assert.That(included.Text("full_name"), Is.EqualTo("Ada Lovelace"));
        Assert.That(included.Text("full_address"), Is.EqualTo("Via Roma 1, 20100 Milano MI (IT) +39 02 1234567"));
        Assert.That((await Api.GetAsync($"customers/{aliceId}/customer_addresses")).Data.AsArray(), Has.Count.EqualTo(1), "the integration reads any book");
        Assert.That(cloned.Status, Is.EqualTo(HttpStatusCode.OK), cloned.ToString());
        var billing = cloned.Data["relationships"]!["billing_address"]!["data"]!["id"]!.GetValue<string>();
        Assert.That(billing, Is.Not.EqualTo(address), "the order has a copy: editing the book never touches it");
        Assert.That(cloned.Body!["included"]!.AsArray().Select(a => a!["attributes"]!.Text("line_1")), Is.All.EqualTo("Via Roma 1"));
    }

    [Test]
    public async Task Another_customers_book_and_addresses_do_not_exist_for_a_customer_and_cloning_one_is_404_at_the_trigger()
    {
        var (alice, _, _) = await NewCustomerAsync();
        var (bob, bobId, _) = await NewCustomerAsync();
        var bobAddress = await BookAddressAsync(bob);
        var bobEntry = (await bob.GetAsync("customer_addresses")).Data[0]!["id"]!.GetValue<string>();
        var order = await new CheckoutBuilder(alice).WithoutBillingAddress().BuildAsync();

        var read = await alice.GetAsync($"customer_addresses/{bobEntry}");
        var listed = await alice.GetAsync("customer_addresses");
        var intoBobsBook = await alice.PostAsync("customer_addresses", Document("customer_addresses", null,
            new { customer = ToOne("customers", bobId), address = ToOne("addresses", await CheckoutBuilder.CreateAddressAsync(alice, "IT")) }));
        var cloned = await alice.PatchAsync($"orders/{order.Id}", Document("orders", new Dictionary<string, object?> { ["_billing_address_clone_id"] = bobAddress }, id: order.Id));

        Assert.That(read.Status, Is.EqualTo(HttpStatusCode.NotFound), read.ToString());
        Assert.That(listed.Data.AsArray(), Is.Empty);
        Assert.That(intoBobsBook.Status, Is.EqualTo(HttpStatusCode.NotFound), intoBobsBook.ToString());
        Assert.That(intoBobsBook.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/customer/data" }));
        Assert.That(cloned.Status, Is.EqualTo(HttpStatusCode.NotFound), cloned.ToString());
        Assert.That(cloned.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/_billing_address_clone_id" }));
        var after = await alice.GetAsync($"orders/{order.Id}?include=billing_address");
        Assert.That(after.Data["relationships"]!["billing_address"]!["data"], Is.Null, "nothing was linked");
    }

    [Test]
    public async Task A_sales_channel_reads_no_book_or_wallet_and_may_not_fill_or_use_one()
    {
        var (customer, _, email) = await NewCustomerAsync();
        await BookAddressAsync(customer);
        var salesChannel = await SalesChannelAsync();
        var order = await new CheckoutBuilder(salesChannel).WithEmail(email).BuildAsync();

        var books = await salesChannel.GetAsync("customer_addresses");
        var wallets = await salesChannel.GetAsync("customer_payment_sources");
        var save = await salesChannel.PatchAsync($"orders/{order.Id}", Document("orders",
            new Dictionary<string, object?> { ["_save_billing_address_to_customer_address_book"] = true, ["_save_payment_source_to_customer_wallet"] = true }, id: order.Id));
        var pay = await salesChannel.PatchAsync($"orders/{order.Id}", Document("orders",
            new Dictionary<string, object?> { ["_customer_payment_source_id"] = "AAAAAAAAAAAA" }, id: order.Id));

        Assert.That(books.Status, Is.EqualTo(HttpStatusCode.Forbidden), books.ToString());
        Assert.That(wallets.Status, Is.EqualTo(HttpStatusCode.Forbidden), wallets.ToString());
        Assert.That(save.Status, Is.EqualTo(HttpStatusCode.Forbidden), save.ToString());
        Assert.That(save.ErrorPointers, Is.EquivalentTo(new[]
            { "/data/attributes/_save_billing_address_to_customer_address_book", "/data/attributes/_save_payment_source_to_customer_wallet" }));
        Assert.That(pay.Status, Is.EqualTo(HttpStatusCode.Forbidden), pay.ToString());
    }

    [Test]
    public async Task Placing_saves_the_addresses_and_the_payment_source_asked_for_once_and_a_later_order_pays_with_a_copy_from_the_wallet()
    {
        var (alice, _, _) = await NewCustomerAsync();
        var order = await new CheckoutBuilder(alice).PaidByCard().BuildAsync();
        var asked = await alice.PatchAsync($"orders/{order.Id}", Document("orders", new Dictionary<string, object?>
        {
            ["_save_billing_address_to_customer_address_book"] = true,
            ["_save_shipping_address_to_customer_address_book"] = true,
            ["_save_payment_source_to_customer_wallet"] = true,
        }, id: order.Id));
        Assert.That(asked.Status, Is.EqualTo(HttpStatusCode.OK), asked.ToString());
        Assert.That((await alice.GetAsync("customer_addresses")).Data.AsArray(), Is.Empty, "nothing is saved before placement");

        var placed = await alice.PlaceAsync(order.Id);
        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        await Eventually.OutboxIdleAsync(Api);

        var book = await alice.GetAsync("customer_addresses?include=address");
        var wallet = await alice.GetAsync("customer_payment_sources?include=payment_source,payment_method");
        // The billing and shipping addresses have the same attributes: the book keeps one copy of them.
        Assert.That(book.Data.AsArray(), Has.Count.EqualTo(1), book.ToString());
        Assert.That(book.Data[0]!["relationships"]!["address"]!["data"]!["id"]!.GetValue<string>(), Is.Not.EqualTo(order.BillingAddressId));
        Assert.That(wallet.Data.AsArray(), Has.Count.EqualTo(1), wallet.ToString());
        var entry = wallet.Data[0]!;
        Assert.That(entry["relationships"]!["payment_source"]!["data"]!["id"]!.GetValue<string>(), Is.EqualTo(order.PaymentSourceId));
        Assert.That(wallet.ToString(), Does.Not.Contain("tok_visa"), "a wallet never shows a token");

        var next = await new CheckoutBuilder(alice).PaidByCard().WithoutPaymentSource().BuildAsync();
        var paying = await alice.PatchAsync($"orders/{next.Id}?include=payment_source", Document("orders",
            new Dictionary<string, object?> { ["_customer_payment_source_id"] = entry["id"]!.GetValue<string>() }, id: next.Id));
        var placedAgain = await alice.PlaceAsync(next.Id);

        Assert.That(paying.Status, Is.EqualTo(HttpStatusCode.OK), paying.ToString());
        var copy = paying.Data["relationships"]!["payment_source"]!["data"]!;
        Assert.That(copy["type"]!.GetValue<string>(), Is.EqualTo("external_payments"));
        Assert.That(copy["id"]!.GetValue<string>(), Is.Not.EqualTo(order.PaymentSourceId), "a payment source belongs to one order: the order pays with a copy");
        Assert.That(placedAgain.Status, Is.EqualTo(HttpStatusCode.OK), placedAgain.ToString());
        await Eventually.OutboxIdleAsync(Api);
        Assert.That((await alice.GetAsync("customer_addresses")).Data.AsArray(), Has.Count.EqualTo(1), "the second order asked to save nothing");
    }

    [Test]
    public async Task Saving_needs_an_order_with_a_customer()
    {
        var order = await new CheckoutBuilder(Api).WithEmail(null).BuildAsync();

        var refused = await Api.PatchAsync($"orders/{order.Id}", Document("orders",
            new Dictionary<string, object?> { ["_save_shipping_address_to_customer_address_book"] = true }, id: order.Id));

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), refused.ToString());
        Assert.That(refused.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/_save_shipping_address_to_customer_address_book" }));
    }
}
