using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Webhooks;

/// <summary>A real HTTP server on loopback that records webhook calls and answers as told.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();

    public sealed record Received(string Body, string? Signature, string? Topic, int Attempt, int AnsweredWith, IReadOnlyDictionary<string, string> Headers);

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>What to answer to the n-th call (1-based); 200 by default.</summary>
    public Func<int, int> Answer { get; set; } = _ => 200;

    public IReadOnlyList<Received> Calls => [.. _received];

    public string Url { get; private set; } = string.Empty;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var status = receiver.Answer(receiver._received.Count + 1);
            receiver._received.Enqueue(new Received(body, context.Request.Headers["X-Commerce-Signature"], context.Request.Headers["X-Commerce-Topic"],
                int.Parse(context.Request.Headers["X-Commerce-Delivery-Attempt"].ToString(), System.Globalization.CultureInfo.InvariantCulture), status,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            context.Response.StatusCode = status;
        });
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        return receiver;
    }

    public static bool SignatureIsValid(Received call, string secret) =>
        call.Signature == "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(call.Body)));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
