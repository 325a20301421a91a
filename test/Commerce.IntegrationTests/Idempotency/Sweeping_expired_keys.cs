using System.Net;
using Commerce.Api.Idempotency;
using Commerce.Api.Persistence;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Idempotency;

/// <summary>Expired idempotency records are deleted by a sweep that a claim runs at most once a minute per process.</summary>
public sealed class Sweeping_expired_keys : ApiFixture
{
    private async Task AddExpiredRecordAsync(string key)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var longAgo = DateTimeOffset.UtcNow.AddDays(-2);
        db.IdempotencyRecords.Add(new IdempotencyRecord { Key = key, Fingerprint = "f", Completed = true, StatusCode = 201, CreatedAt = longAgo, ExpiresAt = longAgo.AddHours(24) });
        await db.SaveChangesAsync();
    }

    private async Task<bool> RecordExistsAsync(string key)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().IdempotencyRecords.AnyAsync(r => r.Key == key);
    }

    private async Task ClaimAsync()
    {
        var response = await Api.SendAsync(HttpMethod.Post, "customers", Document("customers", new { email = $"{Guid.NewGuid():N}@example.com" }),
            headers: new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() });
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Created), response.ToString());
    }

    [Test]
    public async Task The_first_claim_sweeps_expired_keys_and_the_next_sweep_waits_a_minute()
    {
        await AddExpiredRecordAsync("-:expired-before-the-first-claim");
        await ClaimAsync();
        await AddExpiredRecordAsync("-:expired-after-the-first-claim");
        await ClaimAsync();

        Assert.That(await RecordExistsAsync("-:expired-before-the-first-claim"), Is.False, "swept by the first claim");
        Assert.That(await RecordExistsAsync("-:expired-after-the-first-claim"), Is.True,
            $"the second claim, less than {IdempotencyMiddleware.SweepEvery.TotalSeconds} s later, did not sweep again");
    }
}
