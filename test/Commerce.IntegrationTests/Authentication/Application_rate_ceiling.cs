using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Authentication;

/// <summary>Above every caller's own budget, all callers of one application together still meet its ceiling.</summary>
public sealed class Application_rate_ceiling : ApiFixture
{
    private const int PerCaller = 5;
    private const int Ceiling = 8;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Limits:PerCallerPerMinute"] = PerCaller.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Limits:PerApplicationPerMinute"] = Ceiling.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Limits:PerIpPerMinute"] = "100000",
    };

    [Test]
    public async Task Many_shoppers_together_meet_the_application_ceiling()
    {
        // Each shopper stays under its own budget; together they pass the application's.
        ApiResponse? refused = null;
        for (var shopper = 0; shopper < 10 && refused is null; shopper++)
        {
            var client = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());
            for (var i = 0; i < PerCaller - 1 && refused is null; i++)
            {
                var response = await client.GetAsync("skus?page[size]=1");
                if (response.Status == HttpStatusCode.TooManyRequests)
                    refused = response;
            }
        }

        Assert.That(refused, Is.Not.Null, "the application's ceiling never applied");
        Assert.That(refused!.Error["code"]!.GetValue<string>(), Is.EqualTo("RATE_LIMITED"));
        Assert.That(refused.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 60), "Retry-After: the seconds left of the one-minute window");
    }
}
