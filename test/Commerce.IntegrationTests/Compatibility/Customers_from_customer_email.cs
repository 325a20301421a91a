using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Compatibility;

/// <summary>
/// <c>customer_email</c> as Commerce Layer reads it: find or create the customer by email (case-insensitive) and link the
/// order; <c>customer_password</c> signs it up. Nobody gains access to a customer this way.
/// </summary>
public sealed class Customers_from_customer_email : ApiFixture
{
    private JsonApiClient _salesChannel = null!;

    [OneTimeSetUp]
    public async Task SalesChannel() =>
        _salesChannel = Factory.CreateApiClient(await Factory.GetTokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = CommerceFactory.SalesChannelId }));

    private static string NewEmail() => $"{Guid.NewGuid():N}@example.com";

    private async Task<ApiResponse> CustomerOfOrderAsync(string orderId)
    {
        var order = await Api.GetAsync($"orders/{orderId}?include=customer");
        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.OK), order.ToString());
        return order;
    }

    private async Task<ApiResponse> CustomersWithEmailAsync(string email) =>
        await Api.GetAsync($"customers?filter[q][email_eq]={Uri.EscapeDataString(email)}");

    [Test]
    public async Task An_order_with_a_new_email_creates_the_customer_and_links_it_as_a_guest()
    {
        var email = NewEmail();

        var created = await _salesChannel.PostAsync("orders", Document("orders", new { currency_code = "EUR", customer_email = email }));

        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        Assert.That(created.Attributes["guest"]!.GetValue<bool>(), Is.True, "a customer without a password: still a guest order");
        var customers = (await CustomersWithEmailAsync(email)).Data.AsArray();
        Assert.That(customers, Has.Count.EqualTo(1));
        Assert.That(customers[0]!["attributes"]!.Text("status"), Is.EqualTo("prospect"));
        var order = await CustomerOfOrderAsync(created.Id);
        Assert.That(order.Data["relationships"]!["customer"]!["data"]!["id"]!.GetValue<string>(), Is.EqualTo(customers[0]!["id"]!.GetValue<string>()));
    }

    [Test]
    public async Task An_email_in_another_case_finds_the_same_customer()
    {
        var email = NewEmail();
        var existing = await Api.PostAsync("customers", Document("customers", new { email }));
        Assert.That(existing.Status, Is.EqualTo(HttpStatusCode.Created), existing.ToString());

        var created = await _salesChannel.PostAsync("orders", Document("orders", new { currency_code = "EUR", customer_email = email.ToUpperInvariant() }));
        var patched = await _salesChannel.PostAsync("orders", Document("orders", new { currency_code = "EUR" }));
        var changed = await _salesChannel.PatchAsync($"orders/{patched.Id}", Document("orders", new { customer_email = "  " + email + " " }, id: patched.Id));

        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        Assert.That(changed.Status, Is.EqualTo(HttpStatusCode.OK), changed.ToString());
        foreach (var id in new[] { created.Id, patched.Id })
            Assert.That((await CustomerOfOrderAsync(id)).Data["relationships"]!["customer"]!["data"]!["id"]!.GetValue<string>(), Is.EqualTo(existing.Id));
        Assert.That((await Api.GetAsync("customers?page[size]=25&filter[q][email_eq]=" + Uri.EscapeDataString(email.ToUpperInvariant()))).Data.AsArray(), Is.Empty,
            "no second customer in another case");
    }

    [Test]
    public async Task A_customer_is_one_email_whatever_its_case()
    {
        var email = NewEmail();
        Assert.That((await Api.PostAsync("customers", Document("customers", new { email }))).Status, Is.EqualTo(HttpStatusCode.Created));

        var again = await Api.PostAsync("customers", Document("customers", new { email = email.ToUpperInvariant() }));

        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), again.ToString());
        Assert.That(again.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/email" }));
    }

    [Test]
    public async Task A_sales_channel_that_links_an_order_to_an_existing_customer_gains_no_access_to_it()
    {
        var email = NewEmail();
        var existing = await Api.PostAsync("customers", Document("customers", new { email, password = "correct horse battery", reference = "VIP-1" }));
        Assert.That(existing.Status, Is.EqualTo(HttpStatusCode.Created), existing.ToString());

        var created = await _salesChannel.PostAsync("orders", Document("orders", new { currency_code = "EUR", customer_email = email }));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());

        var customer = await _salesChannel.GetAsync($"customers/{existing.Id}");
        var related = await _salesChannel.GetAsync($"orders/{created.Id}/customer");
        var included = await _salesChannel.GetAsync($"orders/{created.Id}?include=customer");
        Assert.That(customer.Status, Is.EqualTo(HttpStatusCode.Forbidden), customer.ToString());
        Assert.That(related.Status, Is.EqualTo(HttpStatusCode.Forbidden), related.ToString());
        Assert.That(included.Status, Is.EqualTo(HttpStatusCode.Forbidden), included.ToString());
        Assert.That(created.ToString(), Does.Not.Contain("VIP-1"));
        Assert.That(created.Attributes["guest"]!.GetValue<bool>(), Is.False, "the customer has a password");
    }

    [Test]
    public async Task Customer_password_signs_the_new_customer_up_and_it_can_sign_in()
    {
        var email = NewEmail();

        var created = await _salesChannel.PostAsync("orders", Document("orders", new { currency_code = "EUR", customer_email = email, customer_password = "correct horse battery" }));

        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        Assert.That(created.Attributes["guest"]!.GetValue<bool>(), Is.False);
        Assert.That(created.Attributes["customer_password"], Is.Null, "never returned");
        var signedIn = Factory.CreateApiClient((await Factory.SignInAsync(email, "correct horse battery")).GetProperty("access_token").GetString());
        var own = await signedIn.GetAsync($"orders/{created.Id}");
        Assert.That(own.Status, Is.EqualTo(HttpStatusCode.OK), own.ToString());
    }

    [Test]
    public async Task Signing_up_an_email_that_has_a_password_is_422_and_changes_nothing()
    {
        var email = NewEmail();
        Assert.That((await Api.PostAsync("customers", Document("customers", new { email, password = "the first password" }))).Status, Is.EqualTo(HttpStatusCode.Created));

        var refused = await _salesChannel.PostAsync("orders", Document("orders", new { currency_code = "EUR", customer_email = email, customer_password = "a takeover attempt" }));

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), refused.ToString());
        Assert.That(refused.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/customer_password" }));
        Assert.That((await Factory.SignInAsync(email, "the first password")).GetProperty("access_token").GetString(), Is.Not.Empty, "the password is unchanged");
    }

    [Test]
    public async Task Signing_up_an_email_that_has_other_orders_is_422_so_its_history_is_not_handed_over()
    {
        var email = NewEmail();
        var first = await _salesChannel.PostAsync("orders", Document("orders", new { currency_code = "EUR", customer_email = email }));
        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.Created), first.ToString());

        var refused = await _salesChannel.PostAsync("orders", Document("orders", new { currency_code = "EUR", customer_email = email, customer_password = "correct horse battery" }));

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), refused.ToString());
        Assert.That(refused.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/customer_password" }));
        var (status, _) = await Factory.PostTokenAsync(new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = CommerceFactory.SalesChannelId, ["username"] = email, ["password"] = "correct horse battery",
        }));
        Assert.That(status, Is.Not.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_placed_guest_order_counts_on_the_customer_its_email_made()
    {
        var email = NewEmail();
        var order = await new CheckoutBuilder(_salesChannel).WithEmail(email).BuildAsync();

        var placed = await _salesChannel.PlaceAsync(order.Id);

        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        var customer = (await CustomersWithEmailAsync(email)).Data.AsArray().Single()!["attributes"]!;
        Assert.That(customer["total_orders_count"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(customer.Text("status"), Is.EqualTo("acquired"));
    }

    [Test]
    public async Task Orders_created_at_once_for_one_new_email_share_one_customer()
    {
        var email = NewEmail();

        var created = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            _salesChannel.PostAsync("orders", Document("orders", new { currency_code = "EUR", customer_email = email })))));

        Assert.That(created.Select(c => c.Status), Is.All.EqualTo(HttpStatusCode.Created), string.Join("\n", created.Select(c => c.ToString())));
        var customers = (await CustomersWithEmailAsync(email)).Data.AsArray();
        Assert.That(customers, Has.Count.EqualTo(1));
        foreach (var order in created)
            Assert.That((await CustomerOfOrderAsync(order.Id)).Data["relationships"]!["customer"]!["data"]!["id"]!.GetValue<string>(), Is.EqualTo(customers[0]!["id"]!.GetValue<string>()));
    }

    [Test]
    public async Task Clearing_the_email_unlinks_the_customer()
    {
        var created = await _salesChannel.PostAsync("orders", Document("orders", new { currency_code = "EUR", customer_email = NewEmail() }));

        var cleared = await _salesChannel.PatchAsync($"orders/{created.Id}", Document("orders", new Dictionary<string, object?> { ["customer_email"] = null }, id: created.Id));

        Assert.That(cleared.Status, Is.EqualTo(HttpStatusCode.OK), cleared.ToString());
        Assert.That((await CustomerOfOrderAsync(created.Id)).Data["relationships"]!["customer"]!["data"], Is.Null);
    }
}
