using System.Net;
using Commerce.Api.Outbox;
using Commerce.Api.Persistence;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Outbox;

/// <summary>Crashes, failing handlers, and several instances on one database.</summary>
public sealed class Outbox_reliability
{
    [Test]
    public async Task An_event_committed_before_a_crash_is_delivered_after_restart()
    {
        var file = Path.Combine(Path.GetTempPath(), $"commerce-outbox-{Guid.NewGuid():N}.db");
        var database = new Dictionary<string, string?> { ["ConnectionStrings:Commerce"] = $"Data Source={file}" };
        try
        {
            string orderId;
            // The first process commits the placement, then dies before its dispatcher ran (it never started).
            using (var first = new CommerceFactory(new Dictionary<string, string?>(database) { ["Outbox:Enabled"] = "false" }))
            {
                var api = first.CreateApiClient();
                orderId = (await new CheckoutBuilder(api).BuildAsync()).Id;
                Assert.That((await api.PlaceAsync(orderId)).Status, Is.EqualTo(HttpStatusCode.OK));
                Assert.That((await api.GetAsync($"orders/{orderId}/shipments")).Data.AsArray(), Is.Empty, "nothing was dispatched yet");
            }

            using var second = new CommerceFactory(database);
            var restarted = second.CreateApiClient();
            var shipped = await Eventually.TrueAsync(async () => (await restarted.GetAsync($"orders/{orderId}/shipments")).Data.AsArray().Count == 1);

            Assert.That(shipped, Is.True, "the restarted process delivered the event");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Test]
    public async Task A_placement_wakes_the_dispatcher_when_its_transaction_commits_without_waiting_for_the_poll()
    {
        using var factory = new CommerceFactory(new Dictionary<string, string?> { ["Outbox:PollSeconds"] = "120" });
        var api = factory.CreateApiClient();
        var first = await new CheckoutBuilder(api).BuildAsync();
        var second = await new CheckoutBuilder(api).BuildAsync();

        // The dispatcher's start-up pass was over long before (building the orders took many requests): it now sleeps for
        // 120 s unless woken. The first placement's shipment proves it was woken; then, with the pass that handled it done,
        // the second proves it again (rather than sleeping a while to be sure the start-up pass is over).
        await api.PlaceAsync(first.Id);
        var firstShipped = await Eventually.TrueAsync(async () => (await api.GetAsync($"orders/{first.Id}/shipments")).Data.AsArray().Count == 1, TimeSpan.FromSeconds(60));
        await api.PlaceAsync(second.Id);
        var secondShipped = await Eventually.TrueAsync(async () => (await api.GetAsync($"orders/{second.Id}/shipments")).Data.AsArray().Count == 1, TimeSpan.FromSeconds(60));

        Assert.That(firstShipped, Is.True, "woken by the committed placement, not by the 120 s poll");
        Assert.That(secondShipped, Is.True, "woken again by the next one");
    }

    [Test]
    public async Task Events_saved_inside_a_transaction_signal_the_dispatcher_only_when_it_commits()
    {
        using var factory = new CommerceFactory(new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" });
        var api = factory.CreateApiClient();
        var order = await new CheckoutBuilder(api).BuildAsync();
        await api.PlaceAsync(order.Id);
        var signal = factory.Services.GetRequiredService<OutboxSignal>();
        while (await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None))
        {
            // drain the placement's own notification
        }
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var placed = await db.Orders.SingleAsync(o => o.Id == order.Id);

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            placed.Approve(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            Assert.That(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None), Is.False, "not before the commit: the event is not visible yet");
            await transaction.CommitAsync();
        }

        Assert.That(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None), Is.True, "the commit wakes the dispatcher");
    }

    [Test]
    public async Task A_failed_event_is_retried_when_its_backoff_is_over_not_at_the_next_poll()
    {
        var failingOnce = new FailingOnce();
        using var factory = new CommerceFactory(
            new Dictionary<string, string?> { ["Outbox:PollSeconds"] = "120", ["Outbox:MaxBackoffSeconds"] = "1" },
            host => host.ConfigureServices(services => services.AddSingleton<IEventHandler>(failingOnce)));
        var api = factory.CreateApiClient();
        var order = await new CheckoutBuilder(api).BuildAsync();

        await api.PlaceAsync(order.Id);
        var done = await Eventually.TrueAsync(async () =>
            (await api.GetAsync($"events?filter[q][resource_id_eq]={order.Id}&filter[q][topic_eq]=orders.place&filter[q][status_eq]=done")).Body!["meta"]!["record_count"]!.GetValue<int>() == 1,
            TimeSpan.FromSeconds(60));

        Assert.That(done, Is.True, "retried after its 1 s backoff, not after the 120 s poll");
        Assert.That(failingOnce.Calls, Is.EqualTo(2));
    }

    [Test]
    public async Task A_handler_that_keeps_failing_is_retried_with_backoff_then_parked_with_its_error()
    {
        var failing = new AlwaysFailing();
        using var factory = new CommerceFactory(
            new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "3", ["Outbox:MaxBackoffSeconds"] = "0", ["Outbox:PollSeconds"] = "0.05" },
            host => host.ConfigureServices(services => services.AddSingleton<IEventHandler>(failing)));
        var api = factory.CreateApiClient();
        var order = await new CheckoutBuilder(api).BuildAsync();

        await api.PlaceAsync(order.Id);
        var parked = await Eventually.TrueAsync(async () =>
            (await api.GetAsync($"events?filter[q][resource_id_eq]={order.Id}&filter[q][topic_eq]=orders.place&filter[q][status_eq]=parked")).Body!["meta"]!["record_count"]!.GetValue<int>() == 1);
        var events = await api.GetAsync($"events?filter[q][resource_id_eq]={order.Id}&filter[q][topic_eq]=orders.place");
        var shipments = await api.GetAsync($"orders/{order.Id}/shipments");

        Assert.That(parked, Is.True);
        Assert.That(failing.Calls, Is.EqualTo(3), "tried MaxAttempts times");
        var attributes = events.Data[0]!["attributes"]!;
        Assert.That(attributes["attempts"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(attributes["last_error"]!.GetValue<string>(), Does.Contain("test.failing").And.Contain("the test handler fails"));
        Assert.That(shipments.Data.AsArray(), Has.Count.EqualTo(1), "the other handlers' effects stand, once");
    }

    [Test]
    public async Task Three_instances_on_postgresql_share_the_work_without_duplicates()
    {
        var server = TestPostgres.ServerOrIgnore();
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Commerce"] = $"{server};Database=commerce_outbox_{Guid.NewGuid():N}",
            ["Outbox:PollSeconds"] = "0.1",
        };
        using var one = new CommerceFactory(settings);
        var apis = new List<JsonApiClient> { one.CreateApiClient() };
        using var two = new CommerceFactory(settings);
        apis.Add(two.CreateApiClient());
        using var three = new CommerceFactory(settings);
        apis.Add(three.CreateApiClient());

        const int orders = 30;
        var ids = new List<string>();
        for (var i = 0; i < orders; i++)
            ids.Add((await new CheckoutBuilder(apis[i % 3]).WithItem(DemoSkus.Mug, 1).BuildAsync()).Id);
        var placed = await Task.WhenAll(ids.Select((id, i) => apis[i % 3].PlaceAsync(id)));
        Assert.That(placed.Select(p => p.Status), Is.Not.Empty.And.All.EqualTo(HttpStatusCode.OK));
        await Eventually.OutboxIdleAsync(apis[0]);

        await using var scope = one.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var shipments = await db.Shipments.Where(s => ids.Contains(s.OrderId)).GroupBy(s => s.OrderId).Select(g => g.Count()).ToListAsync();
        var handled = await db.HandledEvents.Where(h => h.Handler == "shipments.create").ToListAsync();
        var stock = await db.StockItems.Where(s => s.Sku!.Code == DemoSkus.Mug).Select(s => s.Quantity).SingleAsync();

        Assert.That(shipments, Has.Count.EqualTo(orders).And.All.EqualTo(1), "one shipment per order");
        Assert.That(handled, Has.Count.EqualTo(orders), "one effect per event");
        Assert.That(handled.Select(h => h.Instance).Distinct().Count(), Is.GreaterThan(1), "more than one instance did work");
        Assert.That(stock, Is.EqualTo(200 - orders));
        await db.Database.EnsureDeletedAsync();
    }

    private sealed class FailingOnce : IEventHandler
    {
        private int _calls;

        public int Calls => _calls;
        public string Name => "test.failing_once";
        public bool Handles(string topic) => topic == "orders.place";

        public Task HandleAsync(OutboxEvent outboxEvent, CommerceDbContext db, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 1 ? throw new InvalidOperationException("the first attempt fails") : Task.CompletedTask;
    }

    private sealed class AlwaysFailing : IEventHandler
    {
        private int _calls;

        public int Calls => _calls;
        public string Name => "test.failing";
        public bool Handles(string topic) => topic == "orders.place";

        public Task HandleAsync(OutboxEvent outboxEvent, CommerceDbContext db, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("the test handler fails");
        }
    }
}
