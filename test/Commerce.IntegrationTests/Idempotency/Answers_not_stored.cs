using System.Net;
using Commerce.Api.Persistence;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Idempotency;

/// <summary>
/// A 5xx or a 409 is not stored under its Idempotency-Key (placing-and-payments.md, "Idempotency-Key"): the key is free
/// again, so the same request with the same key, retried once the cause is gone, runs and answers anew instead of
/// replaying the failure. (Its counterpart, a 422 stored and replayed, is Idempotency_keys.A_client_error_is_replayed_too.)
/// </summary>
public sealed class Answers_not_stored : ApiFixture
{
    private static Dictionary<string, string> Key(string key) => new() { ["Idempotency-Key"] = key };

    private async Task<int> RecordsOfAsync(string key)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().IdempotencyRecords.CountAsync(r => r.Key.EndsWith(":" + key));
    }

    [Test]
    public async Task A_502_from_the_gateway_is_not_replayed_and_the_retry_with_the_same_key_places_the_order()
    {
        var order = await new CheckoutBuilder(Api).PaidByCard("tok_gatewayError").BuildAsync();
        var place = Document("orders", new { _place = true }, id: order.Id);
        var key = Guid.NewGuid().ToString("N");

        var failed = await Api.SendAsync(HttpMethod.Patch, $"orders/{order.Id}", place, headers: Key(key));
        var recordsAfterFailure = await RecordsOfAsync(key);
        var repaired = await Api.PatchAsync($"external_payments/{order.PaymentSourceId}",
            Document("external_payments", new { payment_source_token = "tok_visa" }, id: order.PaymentSourceId));
        var retry = await Api.SendAsync(HttpMethod.Patch, $"orders/{order.Id}", place, headers: Key(key));

        Assert.That(failed.Status, Is.EqualTo(HttpStatusCode.BadGateway), failed.ToString());
        Assert.That(recordsAfterFailure, Is.Zero, "the 502 left no record under the key");
        Assert.That(repaired.Status, Is.EqualTo(HttpStatusCode.OK), repaired.ToString());
        Assert.That(retry.Status, Is.EqualTo(HttpStatusCode.OK), retry.ToString());
        Assert.That(retry.Headers.Contains("Idempotent-Replayed"), Is.False, "the retry ran: it is not the 502 replayed");
        Assert.That(retry.Attributes["status"]!.GetValue<string>(), Is.EqualTo("placed"));
        Assert.That(await RecordsOfAsync(key), Is.EqualTo(1), "the 200 is stored");
    }

    [Test]
    public async Task A_409_is_not_replayed_and_the_same_request_with_the_same_key_runs_again()
    {
        // A 409 of the document reader (a type that is not the endpoint's) is as much a 409 as a conflict between writers.
        var key = Guid.NewGuid().ToString("N");
        var mismatched = Document("skus", new { email = $"{Guid.NewGuid():N}@example.com" });

        var first = await Api.SendAsync(HttpMethod.Post, "customers", mismatched, headers: Key(key));
        var recordsAfterConflict = await RecordsOfAsync(key);
        var again = await Api.SendAsync(HttpMethod.Post, "customers", mismatched, headers: Key(key));

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.Conflict), first.ToString());
        Assert.That(first.Error["code"]!.GetValue<string>(), Is.EqualTo("TYPE_MISMATCH"));
        Assert.That(recordsAfterConflict, Is.Zero, "the 409 left no record under the key");
        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.Conflict), again.ToString());
        Assert.That(again.Headers.Contains("Idempotent-Replayed"), Is.False, "the second request ran: it is not the first 409 replayed");
    }
}
