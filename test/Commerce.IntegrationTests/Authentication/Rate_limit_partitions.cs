using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Authentication;

/// <summary>
/// One caller's burst is that caller's problem: within a public sales channel every token (and every customer) has its
/// own budget, under an application-wide ceiling. Small limits so the tests are quick.
/// </summary>
public sealed class Rate_limit_partitions : ApiFixture
{
    private const int PerCaller = 5;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Limits:PerCallerPerMinute"] = PerCaller.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Limits:PerApplicationPerMinute"] = "1000",
        ["Limits:PerIpPerMinute"] = "100000",
    };

    /// <summary>Sends until the first 429 (bounded: a one-minute window may turn over meanwhile); that 429, or null.</summary>
    internal static async Task<ApiResponse?> ExhaustAsync(JsonApiClient client, int atMost)
    {
        for (var i = 0; i < atMost; i++)
        {
            var response = await client.GetAsync("skus?page[size]=1");
            if (response.Status == HttpStatusCode.TooManyRequests)
                return response;
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        }
        return null;
    }

    [Test]
    public async Task A_shopper_who_exhausts_its_budget_is_429_while_another_shopper_and_a_customer_are_served()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        Assert.That((await Api.PostAsync("customers", Document("customers", new { email, password = "long enough" }))).Status, Is.EqualTo(HttpStatusCode.Created));
        var greedy = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());
        var other = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());
        var customer = Factory.CreateApiClient(await Factory.GetCustomerTokenAsync(email, "long enough"));

        var refused = await ExhaustAsync(greedy, PerCaller * 3);
        var othersTurn = await other.GetAsync("skus?page[size]=1");
        var customersTurn = await customer.GetAsync("skus?page[size]=1");

        Assert.That(refused, Is.Not.Null, "the greedy shopper was never limited");
        Assert.That(refused!.Error["code"]!.GetValue<string>(), Is.EqualTo("RATE_LIMITED"));
        Assert.That(refused.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 60), "Retry-After: the seconds left of the one-minute window");
        Assert.That(othersTurn.Status, Is.EqualTo(HttpStatusCode.OK), "another shopper of the same sales channel is not locked out");
        Assert.That(customersTurn.Status, Is.EqualTo(HttpStatusCode.OK), "a signed-in customer is not locked out");
    }
}
