using System.Net;
using Commerce.Api.Persistence;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Idempotency;

/// <summary>The Idempotency-Key header, with Stripe's semantics.</summary>
public sealed class Idempotency_keys : ApiFixture
{
    private Task<ApiResponse> PostWithKeyAsync(string url, object document, string key) =>
        Api.SendAsync(HttpMethod.Post, url, document, headers: new Dictionary<string, string> { ["Idempotency-Key"] = key });

    [Test]
    public async Task The_same_key_and_body_replays_the_first_response_without_running_again()
    {
        var key = Guid.NewGuid().ToString();
        var document = Document("customers", new { email = $"{Guid.NewGuid():N}@example.com" });

        var first = await PostWithKeyAsync("customers", document, key);
        var replay = await PostWithKeyAsync("customers", document, key);
        var count = await Api.GetAsync($"customers?filter[q][email_eq]={first.Attributes["email"]!.GetValue<string>()}");

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.Created), first.ToString());
        Assert.That(first.Headers.Contains("Idempotent-Replayed"), Is.False);
        Assert.That(replay.Status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(replay.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        Assert.That(replay.Id, Is.EqualTo(first.Id));
        Assert.That(replay.Headers.Location, Is.EqualTo(first.Headers.Location));
        Assert.That(count.Body!["meta"]!["record_count"]!.GetValue<int>(), Is.EqualTo(1), "the second request did not create a second customer");
    }

    [Test]
    public async Task The_same_key_with_another_body_is_422()
    {
        var key = Guid.NewGuid().ToString();

        await PostWithKeyAsync("customers", Document("customers", new { email = $"{Guid.NewGuid():N}@example.com" }), key);
        var misuse = await PostWithKeyAsync("customers", Document("customers", new { email = $"{Guid.NewGuid():N}@example.com" }), key);

        Assert.That(misuse.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(misuse.Error["source"]!["header"]!.GetValue<string>(), Is.EqualTo("Idempotency-Key"));
    }

    [Test]
    public async Task A_client_error_is_replayed_too()
    {
        var key = Guid.NewGuid().ToString();
        var invalid = Document("customers", new { email = "not-an-email" });

        var first = await PostWithKeyAsync("customers", invalid, key);
        var replay = await PostWithKeyAsync("customers", invalid, key);

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(replay.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(replay.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        Assert.That(replay.Body!.ToJsonString(), Is.EqualTo(first.Body!.ToJsonString()));
    }

    [Test]
    public async Task Requests_without_a_key_are_not_deduplicated()
    {
        var document = Document("skus", new { code = Unique("IDEM"), name = "x" });

        var first = await Api.PostAsync("skus", document);
        var second = await Api.PostAsync("skus", document);

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(second.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), "the code is taken: the second request really ran");
    }

    [Test]
    public async Task An_overlong_key_is_400()
    {
        var response = await PostWithKeyAsync("customers", Document("customers", new { email = "a@example.com" }), new string('k', 256));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Error["source"]!["header"]!.GetValue<string>(), Is.EqualTo("Idempotency-Key"));
    }

    [Test]
    public async Task A_request_with_a_bad_token_and_a_key_is_401_and_leaves_no_record()
    {
        var key = Guid.NewGuid().ToString("N");
        var stranger = Factory.CreateApiClient("not-a-token");

        var response = await stranger.SendAsync(HttpMethod.Post, "customers", Document("customers", new { email = $"{Guid.NewGuid():N}@example.com" }),
            headers: new Dictionary<string, string> { ["Idempotency-Key"] = key });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        await using var scope = Factory.Services.CreateAsyncScope();
        var records = await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().IdempotencyRecords.CountAsync(r => r.Key.EndsWith(":" + key));
        Assert.That(records, Is.Zero, "an unauthenticated request writes nothing");
    }
}
