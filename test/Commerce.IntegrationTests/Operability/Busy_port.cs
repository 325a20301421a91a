using System.Net;
using System.Net.Sockets;
using Commerce.Api.Hosting;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Operability;

/// <summary>The built service, started on a port another program holds, stops with one clear line naming the setting to change.</summary>
[NonParallelizable]
public sealed class Busy_port
{
    [Test]
    public async Task A_port_in_use_stops_the_service_with_one_line_that_names_the_setting()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        await using var service = ServiceProcess.Start(new Dictionary<string, string> { ["Urls"] = $"http://127.0.0.1:{port}" });

        var exitCode = await service.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var stderr = service.StandardError.Trim();
        Assert.That(exitCode, Is.EqualTo(ConfigurationCheck.ExitCode), stderr + service.StandardOutput);
        Assert.That(stderr.Split('\n'), Has.Length.EqualTo(1), "one line, no stack trace: " + stderr);
        Assert.That(stderr, Does.StartWith("Commerce cannot start").And.Contain($"127.0.0.1:{port}").And.Contain("Urls"));
        Assert.That(service.StandardOutput, Does.Not.Contain("   at "), "no stack trace in the log either");
    }
}
