using System.Net;
using System.Text.Json.Nodes;
using Commerce.Api.Placement;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Commerce.IntegrationTests.Operability;

public sealed class Health_checks : ApiFixture
{
    [Test]
    public async Task Live_answers_200_with_a_JSON_body_and_no_token()
    {
        using var http = Factory.CreateClient();

        using var response = await http.GetAsync("/health/live");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
    }

    [Test]
    public async Task Ready_answers_200_when_the_database_is_migrated_and_the_reconciler_runs()
    {
        using var http = Factory.CreateClient();

        using var response = await http.GetAsync("/health/ready");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
        Assert.That(body["checks"]!["database"]!["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
        Assert.That(body["checks"]!["database"]!["description"]!.GetValue<string>(), Does.Contain("migrated"));
        Assert.That(body["checks"]!["placement_reconciler"]!["description"]!.GetValue<string>(), Is.EqualTo("running"));
    }

    [Test]
    public async Task Ready_answers_503_when_the_reconciler_has_stopped()
    {
        using var factory = ReconcilerStoppedAlone();
        using var http = factory.CreateClient();
        await factory.Services.GetRequiredService<PlacementReconciler>().StopAsync(CancellationToken.None);

        using var response = await http.GetAsync("/health/ready");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body.ToJsonString());
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("unhealthy"));
        Assert.That(body["checks"]!["placement_reconciler"]!["status"]!.GetValue<string>(), Is.EqualTo("unhealthy"));
        Assert.That(body["checks"]!["database"]!["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
    }

    [Test]
    public async Task Ready_answers_503_when_the_reconciler_stops_before_its_loop_began()
    {
        // The loop runs on the thread pool (.NET 10's BackgroundService); a loaded machine may stop it while it is still
        // queued. Here every worker is kept busy from just before the reconciler starts to just after it is stopped, so
        // the loop never runs. The host must stay up and readiness must say so.
        using var factory = ReconcilerStoppedAlone(StopTheReconcilerBeforeItRuns);
        using var http = factory.CreateClient();
        Assert.That(factory.Services.GetRequiredService<PlacementReconciler>().ExecuteTask!.IsCanceled, Is.True, "the loop was stopped before its first line ran");

        using var response = await http.GetAsync("/health/ready");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body.ToJsonString());
        Assert.That(body["checks"]!["placement_reconciler"]!["description"]!.GetValue<string>(), Is.EqualTo("stopped"));
    }

    /// <summary>
    /// A service whose reconciler the test stops by itself, outside a shutdown of the host. Left to the default rule, the
    /// host takes a background service that ends cancelled outside a shutdown (the loop stopped before the thread pool
    /// ran its first line) for a crash and stops itself: the test's requests would then meet a disposed server.
    /// </summary>
    private static CommerceFactory ReconcilerStoppedAlone(Action<IServiceCollection>? more = null) =>
        new(configure: web => web.ConfigureTestServices(services =>
        {
            services.Configure<HostOptions>(host => host.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
            more?.Invoke(services);
        }));

    /// <summary>
    /// Puts a hosted service right before the reconciler's (it occupies every thread-pool worker) and one right after
    /// it (it stops the reconciler, then lets the workers go). The host starts hosted services one after the other, so
    /// between the two only the reconciler's <c>StartAsync</c> runs, which queues the loop and returns: microseconds, far
    /// less than the pool needs to add a thread. (An earlier version occupied the workers from the host's
    /// <c>StartingAsync</c> to its <c>StartedAsync</c>; with the migrations in between, the pool added threads and the
    /// loop ran on a slow CI machine.)
    /// </summary>
    private static void StopTheReconcilerBeforeItRuns(IServiceCollection services)
    {
        var reconcilerAt = services.Select((descriptor, index) => (descriptor, index)).Single(d => d.descriptor.ServiceType == typeof(PlacementReconciler)).index;
        var hostedAt = Enumerable.Range(reconcilerAt + 1, services.Count - reconcilerAt - 1).First(i => services[i].ServiceType == typeof(IHostedService));
        var workers = new BusyWorkers();
        services.Insert(hostedAt + 1, ServiceDescriptor.Singleton<IHostedService>(sp => new AtStart(async () =>
        {
            Task stopped;
            try
            {
                // Cancels at once; finishing the stop may take a worker, so the workers are let go first.
                stopped = sp.GetRequiredService<PlacementReconciler>().StopAsync(CancellationToken.None);
            }
            finally
            {
                workers.Release();
            }
            await stopped;
        })));
        services.Insert(hostedAt, ServiceDescriptor.Singleton<IHostedService>(new AtStart(() =>
        {
            workers.OccupyAll();
            return Task.CompletedTask;
        })));
    }

    private sealed class AtStart(Func<Task> start) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => start();
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Keeps every thread-pool worker spinning, and eight more work items queued, until released (10 s at most).</summary>
    private sealed class BusyWorkers
    {
        private volatile bool _released;

        public void OccupyAll()
        {
            var deadline = DateTime.UtcNow.AddSeconds(5);
            // A queued item that stays queued for 50 ms means no idle worker is left to take it.
            while (DateTime.UtcNow < deadline)
            {
                ThreadPool.UnsafeQueueUserWorkItem(Spin, null);
                var watched = DateTime.UtcNow.AddMilliseconds(50);
                while (ThreadPool.PendingWorkItemCount > 0 && DateTime.UtcNow < watched)
                    Thread.Sleep(1);
                if (ThreadPool.PendingWorkItemCount > 0)
                    break;
            }
            for (var i = 0; i < 8; i++)
                ThreadPool.UnsafeQueueUserWorkItem(Spin, null);
        }

        public void Release() => _released = true;

        private void Spin(object? state)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!_released && DateTime.UtcNow < deadline)
                Thread.SpinWait(1000);
        }
    }

    [Test]
    public async Task Ready_answers_503_when_the_database_is_missing_or_not_migrated()
    {
        var directory = Path.Combine(Path.GetTempPath(), "commerce-tests", Guid.NewGuid().ToString("N"));
        var file = Path.Combine(directory, "commerce.db");
        // Without the outbox's one-second poll, nothing but the readiness check opens the file (SQLite would create it again).
        using var factory = new CommerceFactory(new Dictionary<string, string?> { ["ConnectionStrings:Commerce"] = $"Data Source={file}", ["Outbox:Enabled"] = "false" });
        using var http = factory.CreateClient();
        try
        {
            // The database goes away under the running service, then comes back empty (a wrong file, an old backup).
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
            var missing = await ReadyAsync(http);
            using (var empty = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=false"))
                empty.Open();
            var unmigrated = await ReadyAsync(http);

            Assert.That(missing.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), missing.Body.ToJsonString());
            Assert.That(missing.Body["checks"]!["database"]!["description"]!.GetValue<string>(), Does.Contain("cannot be reached"));
            Assert.That(unmigrated.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), unmigrated.Body.ToJsonString());
            Assert.That(unmigrated.Body["checks"]!["database"]!["description"]!.GetValue<string>(), Does.Contain("not applied"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> ReadyAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/health/ready");
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
