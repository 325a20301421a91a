using System.Net;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Commerce.IntegrationTests.Idempotency;

/// <summary>
/// "Responses are kept 24 hours" (docs/placing-and-payments.md, Idempotency-Key). Time is the subject, so the service
/// runs on a <see cref="FakeTimeProvider"/> that only the test moves.
/// </summary>
public sealed class Answers_kept_for_a_day : ApiFixture
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Payments:ReconcileIntervalSeconds"] = "3600",
    };

    protected override Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? Configure =>
        builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));

    /// <summary>With a token got now: whichever clock the token's lifetime is checked on, it is fresh.</summary>
    private async Task<ApiResponse> CreateOrderWithAFreshTokenAsync(string key)
    {
        var api = Factory.CreateApiClient();
        try
        {
            return await CreateOrderAsync(api, key);
        }
        finally
        {
            api.Http.Dispose();
        }
    }

    private static Task<ApiResponse> CreateOrderAsync(JsonApiClient api, string key) =>
        api.SendAsync(HttpMethod.Post, "orders", Document("orders", new { currency_code = "EUR", language_code = "en" }),
            headers: new Dictionary<string, string> { ["Idempotency-Key"] = key });

    [Test]
    public async Task An_answer_is_replayed_until_24_hours_after_the_first_request_and_then_the_request_runs_again()
    {
        var key = Guid.NewGuid().ToString();

        var first = await CreateOrderAsync(Api, key);
        _clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        var lastSecond = await CreateOrderWithAFreshTokenAsync(key);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var dayLater = await CreateOrderWithAFreshTokenAsync(key);

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.Created), first.ToString());
        Assert.That(lastSecond.Status, Is.EqualTo(HttpStatusCode.Created), lastSecond.ToString());
        Assert.That(lastSecond.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }), "a second before 24 hours: replayed");
        Assert.That(lastSecond.Id, Is.EqualTo(first.Id));
        Assert.That(dayLater.Status, Is.EqualTo(HttpStatusCode.Created), dayLater.ToString());
        Assert.That(dayLater.Headers.Contains("Idempotent-Replayed"), Is.False, "a second after 24 hours: run again");
        Assert.That(dayLater.Id, Is.Not.EqualTo(first.Id), "a new order");
    }
}
