using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Operability;

/// <summary>SIGTERM while an order is being placed: the placement finishes and answers, then the service exits.</summary>
[NonParallelizable]
public sealed class Graceful_shutdown
{
    [Test]
    public async Task SIGTERM_during_a_placement_lets_it_finish_and_leaves_the_order_consistent()
    {
        var settings = new Dictionary<string, string>
        {
            ["Payments__GatewayTimeoutSeconds"] = "5",
            ["HostOptions__ShutdownTimeout"] = "00:00:20",
        };
        // The test owns the folder (database and keys), so that the second start finds the first one's data.
        var directory = Path.Combine(Path.GetTempPath(), "commerce-tests", "shutdown-" + Guid.NewGuid().ToString("N"));
        try
        {
            string orderId;
            ApiResponse placement;
            await using (var service = ServiceProcess.Start(settings, directory))
            {
                await service.WaitUntilLiveAsync();
                var api = await service.CreateApiClientAsync();
                // tok_timeout: the test gateway answers after the 5 s gateway timeout; placement then voids and answers 502.
                orderId = await Checkout.PendingOrderAsync(api, "tok_timeout");

                var inFlight = Checkout.PlaceAsync(api, orderId);
                // SIGTERM once the placement is surely in flight: the order is 'placing' while the gateway is asked.
                var watcher = await service.CreateApiClientAsync();
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while ((await watcher.GetAsync($"orders/{orderId}")).Attributes["status"]!.GetValue<string>() != "placing")
                {
                    if (inFlight.IsCompleted || DateTime.UtcNow > deadline)
                        Assert.Fail("the placement was never seen in flight: " + (inFlight.IsCompleted ? inFlight.Result.ToString() : "timed out"));
                    await Task.Delay(50);
                }
                watcher.Http.Dispose();
                service.Terminate();
                // The host says it is stopping (ApplicationStopping), then its listener closes: waited for, not slept on.
                await service.WaitForOutputAsync("Application is shutting down", TimeSpan.FromSeconds(30));
                var refusesNewConnections = await Eventually.TrueAsync(async () => !await AcceptsNewConnectionsAsync(service.BaseAddress), TimeSpan.FromSeconds(10));
                var placementStillInFlight = !inFlight.IsCompleted;

                placement = await inFlight.WaitAsync(TimeSpan.FromSeconds(30));
                var exitCode = await service.WaitForExitAsync(TimeSpan.FromSeconds(30));

                Assert.That(refusesNewConnections, Is.True, "after SIGTERM the service stops accepting");
                Assert.That(placementStillInFlight, Is.True, "it stopped accepting while the placement was still in flight");
                Assert.That(exitCode, Is.Zero, service.StandardOutput + service.StandardError);
                api.Http.Dispose();
            }

            Assert.That(placement.Status, Is.EqualTo(HttpStatusCode.BadGateway), placement.ToString());
            Assert.That(placement.MediaType, Is.EqualTo(JsonApiClient.MediaType));
            Assert.That(placement.Error["code"]!.GetValue<string>(), Is.EqualTo("PAYMENT_GATEWAY_ERROR"));

            // Started again on the same database and keys: the order went back to pending, its authorization failed, nothing is held.
            await using var restarted = ServiceProcess.Start(settings, directory);
            try
            {
                await restarted.WaitUntilLiveAsync();
                var again = await restarted.CreateApiClientAsync();
                var order = await again.GetAsync($"orders/{orderId}");
                var authorizations = await again.GetAsync($"orders/{orderId}/authorizations");

                Assert.That(order.Status, Is.EqualTo(HttpStatusCode.OK), order.ToString() + restarted.StandardOutput);
                Assert.That(order.Attributes["status"]!.GetValue<string>(), Is.EqualTo("pending"), order.ToString());
                Assert.That(order.Attributes["payment_status"]!.GetValue<string>(), Is.EqualTo("unpaid"));
                Assert.That(authorizations.Data.AsArray().Select(a => a!["attributes"]!["status"]!.GetValue<string>()), Is.Not.Empty.And.All.EqualTo("failed"));
                again.Http.Dispose();
            }
            finally
            {
                await restarted.DisposeAsync();
            }
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<bool> AcceptsNewConnectionsAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync("health/live");
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }
}
