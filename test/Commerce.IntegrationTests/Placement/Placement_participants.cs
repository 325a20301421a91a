using System.Collections.Concurrent;
using System.Net;
using Commerce.Api.Persistence;
using Commerce.Api.Placement;
using Commerce.Domain.Common;
using Commerce.Domain.Placement;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Placement;

/// <summary>
/// The placement hook (<see cref="IPlacementParticipant"/>): a participant's holds are taken in the compare-and-set's
/// transaction, committed with the placed order, released once when the placement is undone, given back after a cancel,
/// and a participant that refuses makes placing a 422 that takes nothing.
/// </summary>
public sealed class Placement_participants : ApiFixture
{
    private readonly Recorder _recorder = new();

    protected override Action<IWebHostBuilder>? Configure => builder => builder.ConfigureServices(services =>
    {
        services.AddSingleton(_recorder);
        services.AddPlacementParticipant<RecordingParticipant>();
    });

    [SetUp]
    public void Forget() => _recorder.Clear();

    [Test]
    public async Task A_placed_order_commits_its_participants_holds()
    {
        var order = await new CheckoutBuilder(Api).BuildAsync();

        var placed = await Api.PlaceAsync(order.Id);

        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        Assert.That(await HoldsAsync(order.Id), Is.EqualTo(new[] { PlacementHoldStatus.Committed }));
        Assert.That(_recorder.Calls(order.Id), Is.EqualTo(new[] { "hold", "commit" }));
    }

    [Test]
    public async Task A_declined_placement_releases_its_participants_holds_once()
    {
        var order = await new CheckoutBuilder(Api).PaidByCard("tok_chargeDeclined").BuildAsync();

        var declined = await Api.PlaceAsync(order.Id);

        Assert.That(declined.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), declined.ToString());
        Assert.That(await HoldsAsync(order.Id), Is.EqualTo(new[] { PlacementHoldStatus.Released }));
        Assert.That(_recorder.Calls(order.Id), Is.EqualTo(new[] { "hold", "release" }));
    }

    [Test]
    public async Task A_gateway_error_releases_its_participants_holds_once()
    {
        var order = await new CheckoutBuilder(Api).PaidByCard("tok_gatewayError").BuildAsync();

        var failed = await Api.PlaceAsync(order.Id);

        Assert.That(failed.Status, Is.EqualTo(HttpStatusCode.BadGateway), failed.ToString());
        Assert.That(await HoldsAsync(order.Id), Is.EqualTo(new[] { PlacementHoldStatus.Released }));
        Assert.That(_recorder.Calls(order.Id), Is.EqualTo(new[] { "hold", "release" }));
    }

    [Test]
    public async Task A_participant_that_refuses_makes_placing_a_422_at_its_member_that_takes_nothing()
    {
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 1000 }, stock: 2);
        var order = await new CheckoutBuilder(Api).WithItem(sku.Code, 2).WithEmail("refuse@example.com").BuildAsync();

        var refused = await Api.PlaceAsync(order.Id);
        var next = await new CheckoutBuilder(Api).WithItem(sku.Code, 2).BuildAsync();
        var placed = await Api.PlaceAsync(next.Id);

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), refused.ToString());
        Assert.That(refused.Error["source"]!["pointer"]!.GetValue<string>(), Is.EqualTo("/data/attributes/customer_email"));
        Assert.That((await Api.OrderAsync(order.Id)).Text("status"), Is.EqualTo("pending"));
        Assert.That(await HoldsAsync(order.Id), Is.Empty, "the hold taken before the refusal was rolled back");
        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), "the refused placement took no units: " + placed);
    }

    [Test]
    public async Task A_cancelled_order_gives_its_committed_holds_back_once()
    {
        var order = await new CheckoutBuilder(Api).BuildAsync();
        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.OK));

        var cancelled = await Api.TriggerAsync(order.Id, "_cancel");
        var returned = await Eventually.TrueAsync(async () => (await HoldsAsync(order.Id)).SequenceEqual([PlacementHoldStatus.Returned]));

        Assert.That(cancelled.Status, Is.EqualTo(HttpStatusCode.OK), cancelled.ToString());
        Assert.That(returned, Is.True, string.Join(",", await HoldsAsync(order.Id)));
        Assert.That(_recorder.Calls(order.Id), Is.EqualTo(new[] { "hold", "commit", "give_back orders.cancel" }));
    }

    private async Task<List<string>> HoldsAsync(string orderId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().PlacementHolds
            .Where(h => h.OrderId == orderId).Select(h => h.Status).ToListAsync();
    }

    private sealed class Recorder
    {
        private readonly ConcurrentQueue<(string OrderId, string Call)> _calls = new();
        public void Add(string orderId, string call) => _calls.Enqueue((orderId, call));
        public IReadOnlyList<string> Calls(string orderId) => [.. _calls.Where(c => c.OrderId == orderId).Select(c => c.Call)];
        public void Clear() => _calls.Clear();
    }

    /// <summary>Holds one unit per order; refuses, after taking it, an order whose customer_email starts with "refuse".</summary>
    private sealed class RecordingParticipant(Recorder recorder) : IPlacementParticipant
    {
        public string Name => "test_participant";

        public Task<IReadOnlyList<DomainFailure>> HoldAsync(PlacementParticipation placement, CancellationToken cancellationToken)
        {
            recorder.Add(placement.Order.Id, "hold");
            placement.Hold("target", 1);
            IReadOnlyList<DomainFailure> failures = placement.Order.CustomerEmail?.StartsWith("refuse", StringComparison.Ordinal) == true
                ? [DomainFailure.AtAttribute("customer_email", "refused by the test participant")]
                : [];
            return Task.FromResult(failures);
        }

        public Task CommitAsync(PlacementParticipation placement, IReadOnlyList<PlacementHold> holds, CancellationToken cancellationToken)
        {
            recorder.Add(placement.Order.Id, "commit");
            return Task.CompletedTask;
        }

        public Task ReleaseAsync(PlacementParticipation placement, IReadOnlyList<PlacementHold> holds, CancellationToken cancellationToken)
        {
            recorder.Add(placement.Order.Id, "release");
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<PlacementHold>> GiveBackAsync(PlacementParticipation placement, IReadOnlyList<PlacementHold> holds, string topic, CancellationToken cancellationToken)
        {
            recorder.Add(placement.Order.Id, "give_back " + topic);
            return Task.FromResult(holds);
        }
    }
}
