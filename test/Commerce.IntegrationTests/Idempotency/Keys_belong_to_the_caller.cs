using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Idempotency;

/// <summary>
/// An Idempotency-Key belongs to its caller: the application, and the customer of a customer's token or the token itself
/// for the anonymous shoppers of a sales channel. Another caller with the same key and body gets its own answer.
/// </summary>
public sealed class Keys_belong_to_the_caller : ApiFixture
{
    private static readonly object AddressDocument = Document("addresses", new
    {
        first_name = "Ada", last_name = "Lovelace", line_1 = "Via Roma 1", city = "Milano", zip_code = "20100", country_code = "IT", phone = "+39 02 1234567",
    });

    private static Task<ApiResponse> PostWithKeyAsync(JsonApiClient client, string url, object document, string key) =>
        client.SendAsync(HttpMethod.Post, url, document, headers: new Dictionary<string, string> { ["Idempotency-Key"] = key });

    private async Task<JsonApiClient> CustomerAsync()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        Assert.That((await Api.PostAsync("customers", Document("customers", new { email, password = "long enough" }))).Status, Is.EqualTo(HttpStatusCode.Created));
        return Factory.CreateApiClient(await Factory.GetCustomerTokenAsync(email, "long enough"));
    }

    [Test]
    public async Task Two_customers_with_the_same_key_each_get_their_own_answer()
    {
        var alice = await CustomerAsync();
        var bob = await CustomerAsync();
        var key = Guid.NewGuid().ToString("N");

        var alices = await PostWithKeyAsync(alice, "addresses", AddressDocument, key);
        var bobs = await PostWithKeyAsync(bob, "addresses", AddressDocument, key);
        var alicesAgain = await PostWithKeyAsync(alice, "addresses", AddressDocument, key);
        var bobReadsHis = await bob.GetAsync($"addresses/{bobs.Id}");

        Assert.That(alices.Status, Is.EqualTo(HttpStatusCode.Created), alices.ToString());
        Assert.That(bobs.Status, Is.EqualTo(HttpStatusCode.Created), bobs.ToString());
        Assert.That(bobs.Headers.Contains("Idempotent-Replayed"), Is.False, "Bob's request ran: it is not Alice's answer");
        Assert.That(bobs.Id, Is.Not.EqualTo(alices.Id));
        Assert.That(bobReadsHis.Status, Is.EqualTo(HttpStatusCode.OK), "the address is Bob's own");
        Assert.That(alicesAgain.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }), "Alice's own retry still replays");
        Assert.That(alicesAgain.Id, Is.EqualTo(alices.Id));
    }

    [Test]
    public async Task Two_anonymous_shoppers_of_the_public_sales_channel_with_the_same_key_each_get_their_own_answer()
    {
        var first = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());
        var second = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());
        var order = Document("orders", new { currency_code = "EUR", customer_email = "shopper@example.com" });
        var key = Guid.NewGuid().ToString("N");

        var firsts = await PostWithKeyAsync(first, "orders", order, key);
        var seconds = await PostWithKeyAsync(second, "orders", order, key);
        var firstsAgain = await PostWithKeyAsync(first, "orders", order, key);

        Assert.That(firsts.Status, Is.EqualTo(HttpStatusCode.Created), firsts.ToString());
        Assert.That(seconds.Status, Is.EqualTo(HttpStatusCode.Created), seconds.ToString());
        Assert.That(seconds.Headers.Contains("Idempotent-Replayed"), Is.False, "the second shopper's request ran");
        Assert.That(seconds.Id, Is.Not.EqualTo(firsts.Id));
        Assert.That(firstsAgain.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        Assert.That(firstsAgain.Id, Is.EqualTo(firsts.Id));
    }

    [Test]
    public async Task The_same_customer_with_the_same_key_and_another_body_is_still_422()
    {
        var alice = await CustomerAsync();
        var key = Guid.NewGuid().ToString("N");

        await PostWithKeyAsync(alice, "addresses", AddressDocument, key);
        var misuse = await PostWithKeyAsync(alice, "orders", Document("orders", new { currency_code = "EUR" }), key);

        Assert.That(misuse.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), misuse.ToString());
        Assert.That(misuse.Error["source"]!["header"]!.GetValue<string>(), Is.EqualTo("Idempotency-Key"));
    }
}
