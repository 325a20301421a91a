using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Authentication;

/// <summary>
/// A request its caller's limit refused does not count against the application (authentication-and-roles.md, "Abuse").
/// Small limits so the tests are quick; the windows are a minute long, so a window turning over mid-test can only let
/// more requests through, never refuse one these tests expect to pass.
/// </summary>
public sealed class Rate_limits_on_the_api : ApiFixture
{
    private const int PerCaller = 3;
    private const int PerApplication = 10;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Limits:PerCallerPerMinute"] = PerCaller.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Limits:PerApplicationPerMinute"] = PerApplication.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Limits:PerIpPerMinute"] = "100000",
    };

    private async Task<JsonApiClient> ShopperAsync() => Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());

    internal static void AssertRateLimited(ApiResponse? refused, string what)
    {
        Assert.That(refused, Is.Not.Null, what + " never applied");
        Assert.That(refused!.Status, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(refused.Error["code"]!.GetValue<string>(), Is.EqualTo("RATE_LIMITED"));
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.Not.Null, "Retry-After in seconds");
        Assert.That(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, Is.InRange(1, 60), "within the one-minute window");
    }

    [Test]
    public async Task Requests_their_callers_limit_refused_do_not_count_against_the_application()
    {
        var greedy = await ShopperAsync();
        var refused = await Rate_limit_partitions.ExhaustAsync(greedy, PerCaller * 5);
        for (var i = 0; i < PerCaller * 3; i++)
            await greedy.GetAsync("skus?page[size]=1");

        // The greedy shopper's refused requests (more than the whole application's budget) did not count: the budget
        // left after its PerCaller served requests still serves two more shoppers.
        var served = new List<HttpStatusCode>();
        foreach (var shopper in new[] { await ShopperAsync(), await ShopperAsync() })
            for (var i = 0; i < PerCaller; i++)
                served.Add((await shopper.GetAsync("skus?page[size]=1")).Status);

        AssertRateLimited(refused, "the caller's limit");
        Assert.That(served, Has.Count.EqualTo(2 * PerCaller).And.All.EqualTo(HttpStatusCode.OK));
    }
}

/// <summary>The per-IP limit on /api: callers of two applications from one address together meet it.</summary>
public sealed class Per_ip_limit_on_the_api : ApiFixture
{
    private const int PerIp = 6;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Limits:PerCallerPerMinute"] = "100000",
        ["Limits:PerApplicationPerMinute"] = "100000",
        ["Limits:PerIpPerMinute"] = PerIp.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Test]
    public async Task Callers_of_two_applications_from_one_address_together_meet_the_per_ip_limit()
    {
        var shopper = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());
        var statuses = new List<HttpStatusCode>();
        ApiResponse? refused = null;
        for (var i = 0; i < PerIp * 3 && refused is null; i++)
        {
            // Alternately the integration and a shopper: neither alone sends more than half of the address's budget before it is spent.
            var response = await (i % 2 == 0 ? Api : shopper).GetAsync("skus?page[size]=1");
            statuses.Add(response.Status);
            if (response.Status == HttpStatusCode.TooManyRequests)
                refused = response;
        }

        Rate_limits_on_the_api.AssertRateLimited(refused, "the per-IP limit");
        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.LessThanOrEqualTo(PerIp), "no more than the address's budget was served");
    }
}
