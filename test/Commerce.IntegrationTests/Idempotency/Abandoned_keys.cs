using System.Net;
using Commerce.Api.Idempotency;
using Commerce.Api.Persistence;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Idempotency;

/// <summary>A key whose request never finished (its process died) answers 409 until <c>Idempotency:AbandonedAfterSeconds</c>, then runs again.</summary>
public sealed class Abandoned_keys : ApiFixture
{
    private const double AbandonedAfterSeconds = 30;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Idempotency:AbandonedAfterSeconds"] = AbandonedAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Payments:GatewayTimeoutSeconds"] = "5",
    };

    /// <summary>The same request every time (an address: nothing in it must be unique), so its fingerprint is the same.</summary>
    private Task<ApiResponse> PostWithKeyAsync(string key) =>
        Api.SendAsync(HttpMethod.Post, "addresses", Document("addresses", new
        {
            first_name = "Ada", last_name = "Lovelace", line_1 = "Via Roma 1", city = "Milano", zip_code = "20100", country_code = "IT", phone = "+39 02 1234567",
        }), headers: new Dictionary<string, string> { ["Idempotency-Key"] = key });

    /// <summary>Leaves a record as a request that died <paramref name="age"/> ago leaves it: claimed, never completed.</summary>
    private async Task<string> AbandonedKeyAsync(TimeSpan age)
    {
        // The stored key is the caller's scope (here the integration's application id) and the client's key, and the fingerprint is the request's: take both
        // from a finished request of this client with the same body.
        var probe = Guid.NewGuid().ToString("N");
        Assert.That((await PostWithKeyAsync(probe)).Status, Is.EqualTo(HttpStatusCode.Created));
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var finished = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Key.EndsWith(":" + probe));
        var key = Guid.NewGuid().ToString("N");
        var began = DateTimeOffset.UtcNow - age;
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            Key = finished.Key[..^probe.Length] + key, Fingerprint = finished.Fingerprint, CreatedAt = began, ExpiresAt = began.AddHours(24),
        });
        await db.SaveChangesAsync();
        return key;
    }

    [Test]
    public async Task A_key_abandoned_for_less_than_the_setting_is_still_running()
    {
        var key = await AbandonedKeyAsync(TimeSpan.FromSeconds(AbandonedAfterSeconds / 2));

        var retry = await PostWithKeyAsync(key);

        Assert.That(retry.Status, Is.EqualTo(HttpStatusCode.Conflict), retry.ToString());
    }

    [Test]
    public async Task A_key_abandoned_for_longer_than_the_setting_runs_again()
    {
        var key = await AbandonedKeyAsync(TimeSpan.FromSeconds(AbandonedAfterSeconds * 2));

        var retry = await PostWithKeyAsync(key);

        Assert.That(retry.Status, Is.EqualTo(HttpStatusCode.Created), retry.ToString());
    }
}
