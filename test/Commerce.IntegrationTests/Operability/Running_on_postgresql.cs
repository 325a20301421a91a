using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Operability;

/// <summary>The built service as deployed on PostgreSQL (CI starts a server and sets COMMERCE_TEST_POSTGRES).</summary>
[NonParallelizable]
public sealed class Running_on_postgresql
{
    [Test]
    public async Task The_published_way_of_starting_on_postgresql_is_ready_places_orders_and_stops_cleanly()
    {
        var server = TestPostgres.ServerOrIgnore();
        var database = $"commerce_ops_{Guid.NewGuid():N}";
        try
        {
            await using var service = ServiceProcess.Start(new Dictionary<string, string>
            {
                ["Database__Provider"] = "PostgreSql",
                ["ConnectionStrings__Commerce"] = $"{server};Database={database}",
            });
            await service.WaitUntilLiveAsync();
            using var http = new HttpClient { BaseAddress = service.BaseAddress };
            using var ready = await http.GetAsync("health/ready");
            var readyBody = await ready.Content.ReadAsStringAsync();
            var api = await service.CreateApiClientAsync();
            var orderId = await Checkout.PendingOrderAsync(api, "tok_visa");

            var placed = await Checkout.PlaceAsync(api, orderId);
            service.Terminate();
            var exitCode = await service.WaitForExitAsync(TimeSpan.FromSeconds(40));

            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), readyBody);
            Assert.That(readyBody, Does.Contain("PostgreSql, migrated"));
            Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
            Assert.That(placed.Attributes["status"]!.GetValue<string>(), Is.EqualTo("placed"));
            Assert.That(exitCode, Is.Zero, service.StandardOutput + service.StandardError);
            api.Http.Dispose();
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(server, database);
        }
    }
}
