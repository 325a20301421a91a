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

    private TaskCompletionSource _release = Released();
    private int _holding;
    private int _abandoned;

    private WebhookReceiver(WebApplication app) => _app = app;

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        released.SetResult();
        return released;
    }

    /// <summary>From now on every call is held, unanswered, until <see cref="ReleaseAnswers"/> or its caller gives up.</summary>
    public void HoldAnswers() => _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The held calls are answered, and later calls are answered at once.</summary>
    public void ReleaseAnswers() => _release.TrySetResult();

    /// <summary>Calls that arrived and are held unanswered now.</summary>
    public int Holding => Volatile.Read(ref _holding);

    /// <summary>Held calls whose caller gave up (closed the request) before they were answered; these are not in <see cref="Calls"/>.</summary>
    public int Abandoned => Volatile.Read(ref _abandoned);

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
            Interlocked.Increment(ref receiver._holding);
            try
            {
                await receiver._release.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref receiver._abandoned);
                return;
            }
            finally
            {
                Interlocked.Decrement(ref receiver._holding);
            }
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
