using System.Net;
using Commerce.ReliabilityTests.Infrastructure;

namespace Commerce.ReliabilityTests.Races;

/// <summary>
/// Twenty <c>_cancel</c>, <c>_capture</c> or <c>_refund</c> of one order at once, each with its own idempotency key (or
/// none): the money moves once. One request wins (200); the others are refused, 409 while the winner's movement is
/// pending or its claim was taken, 422 once the order has moved on (a second capture of a paid order). Exactly one
/// transaction of the kind is recorded, and the invariants (one settled movement per order) hold.
/// </summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.PostgreSql)]
[NonParallelizable]
public sealed class Concurrent_payment_moves(Provider provider) : RaceFixture(provider)
{
    private const int Requests = 20;

    [Test]
    public async Task Twenty_concurrent_cancels_void_the_authorization_once()
    {
        var id = await PlacedOrderAsync();
        var voidsBefore = Shop.Gateway.Voids;

        var responses = await AllAtOnceAsync(id, "_cancel");

        AssertOneWon(responses);
        Assert.That(Shop.Gateway.Voids - voidsBefore, Is.EqualTo(1), "the gateway voided once");
        Assert.That(await Shop.Api.RelatedAsync(id, "voids"), Has.Count.EqualTo(1));
        Assert.That((await Shop.Api.OrderAsync(id)).Text("status"), Is.EqualTo("cancelled"));
        await Shop.AssertInvariantsAsync();
    }

    [Test]
    public async Task Twenty_concurrent_captures_capture_once()
    {
        var id = await PlacedOrderAsync();

        var responses = await AllAtOnceAsync(id, "_capture");

        AssertOneWon(responses);
        Assert.That(await Shop.Api.RelatedAsync(id, "captures"), Has.Count.EqualTo(1));
        Assert.That((await Shop.Api.OrderAsync(id)).Text("payment_status"), Is.EqualTo("paid"));
        await Shop.AssertInvariantsAsync();
    }

    [Test]
    public async Task Twenty_concurrent_refunds_refund_once()
    {
        var id = await PlacedOrderAsync();
        Assert.That((await Shop.Api.TriggerAsync(id, "_capture")).Status, Is.EqualTo(HttpStatusCode.OK));

        var responses = await AllAtOnceAsync(id, "_refund");

        AssertOneWon(responses);
        Assert.That(await Shop.Api.RelatedAsync(id, "refunds"), Has.Count.EqualTo(1));
        Assert.That((await Shop.Api.OrderAsync(id)).Text("payment_status"), Is.EqualTo("refunded"));
        await Shop.AssertInvariantsAsync();
    }

    private async Task<string> PlacedOrderAsync()
    {
        var id = (await new CheckoutBuilder(Shop.Api).BuildAsync()).Id;
        Assert.That((await Shop.Api.PlaceAsync(id)).Status, Is.EqualTo(HttpStatusCode.OK));
        return id;
    }

    private Task<ApiResponse[]> AllAtOnceAsync(string id, string trigger) =>
        Task.WhenAll(Enumerable.Range(0, Requests).Select(_ => Task.Run(() => Shop.Api.TriggerAsync(id, trigger))));

    private static void AssertOneWon(ApiResponse[] responses)
    {
        var all = string.Join("\n", responses.Select(r => r.ToString()));
        Assert.That(responses.Count(r => r.Status == HttpStatusCode.OK), Is.EqualTo(1), all);
        Assert.That(responses.Where(r => r.Status != HttpStatusCode.OK).Select(r => r.Status),
            Is.Not.Empty.And.All.AnyOf(HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity), all);
        Assert.That(responses.Count(r => r.Status == HttpStatusCode.Conflict), Is.GreaterThan(0),
            "some requests overlapped the winner's movement and were refused with 409, not only after it (422)");
    }
}
