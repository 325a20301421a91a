using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Commerce.Api.Background;
using Commerce.Api.Persistence;
using Commerce.Domain.Common;
using Commerce.JsonApi.Http;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Webhooks;

/// <summary>
/// Sends queued webhook deliveries, outside any request: a delivery is claimed by lease (as outbox events
/// are), its payload is the resource's JSON:API document (with the webhook's includes) rendered as a GET
/// would, signed <c>X-Commerce-Signature: sha256=HMAC-SHA256(shared secret, body)</c>, and POSTed with a
/// timeout. Every attempt is an <c>event_callbacks</c> row. Failures back off exponentially; repeated
/// failures open the webhook's circuit and its deliveries wait for <c>_reset_circuit</c>.
/// </summary>
internal sealed partial class WebhookSender(
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    ResourceEndpointSet renderer,
    WebhookOptions options,
    TimeProvider clock,
    ILogger<WebhookSender> logger) : PollingLoop("webhook sender", logger)
{
    public const string HttpClientName = "webhooks";
    private readonly string _instance = ResourceId.New();

    protected override Task<int> RunPassAsync(CancellationToken cancellationToken) => SendDueAsync(cancellationToken);

    /// <summary>After a busy pass none (more may be due); after an idle one, a poll.</summary>
    protected override async Task<bool> WaitAsync(int found, CancellationToken cancellationToken)
    {
        if (found == 0)
            await Task.Delay(TimeSpan.FromSeconds(options.PollSeconds), clock, cancellationToken);
        return true;
    }

    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<string> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
            due = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LockedUntil == null || d.LockedUntil < now)
                    && db.Webhooks.Any(w => w.Id == d.WebhookId && w.CircuitState == WebhookCircuit.Closed && w.DisabledAt == null))
                .OrderBy(d => d.CreatedAt).Select(d => d.Id).Take(20).ToListAsync(cancellationToken);
        }
        var sent = 0;
        foreach (var id in due)
        {
            if (await ClaimAsync(id, cancellationToken))
            {
                await SendAsync(id, cancellationToken);
                sent++;
            }
        }
        return sent;
    }

    private async Task<bool> ClaimAsync(string id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + TimeSpan.FromSeconds(options.TimeoutSeconds * 3 + 10);
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().WebhookDeliveries
            .Where(d => d.Id == id && d.Status == WebhookDeliveryStatus.Pending && (d.LockedUntil == null || d.LockedUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.LockedBy, _instance).SetProperty(d => d.LockedUntil, until), cancellationToken) == 1;
    }

    private async Task SendAsync(string id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var delivery = await db.WebhookDeliveries.FirstAsync(d => d.Id == id, cancellationToken);
        var webhook = await db.Webhooks.FirstAsync(w => w.Id == delivery.WebhookId, cancellationToken);
        var attempt = delivery.Attempts + 1;

        var (status, error, elapsed) = await PostAsync(scope.ServiceProvider, webhook, delivery, attempt, cancellationToken);
        var succeeded = status is >= 200 and < 300;
        db.EventCallbacks.Add(new EventCallback(delivery, webhook.CallbackUrl, attempt, status, error, elapsed));
        delivery.Attempts = attempt;
        delivery.LockedBy = null;
        delivery.LockedUntil = null;
        if (succeeded)
        {
            delivery.Status = WebhookDeliveryStatus.Succeeded;
            delivery.DeliveredAt = clock.GetUtcNow();
            webhook.RecordSuccess();
        }
        else
        {
            webhook.RecordFailure(options.CircuitBreakerThreshold);
            var backoff = Math.Min(options.BaseBackoffSeconds * Math.Pow(2, attempt - 1), options.MaxBackoffSeconds);
            delivery.NextAttemptAt = clock.GetUtcNow() + TimeSpan.FromSeconds(backoff);
            if (attempt >= options.MaxAttempts)
                delivery.Status = WebhookDeliveryStatus.Failed;
            LogFailed(logger, webhook.Id, delivery.Topic, attempt, error ?? $"the receiver answered {status}", webhook.CircuitState);
        }
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task<(int? Status, string? Error, long ElapsedMs)> PostAsync(IServiceProvider services, Webhook webhook, WebhookDelivery delivery,
        int attempt, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var include = webhook.IncludeResources.Count > 0 ? string.Join(',', webhook.IncludeResources) : null;
            var (renderStatus, body) = await renderer.RenderAsync(services, delivery.ResourceType, delivery.ResourceId, include, options.PublicApiBase, cancellationToken);
            if (renderStatus != 200)
                return (null, $"the {delivery.ResourceType} resource could not be rendered ({renderStatus})", stopwatch.ElapsedMilliseconds);

            using var request = new HttpRequestMessage(HttpMethod.Post, webhook.CallbackUrl) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new(MediaTypes.JsonApi);
            request.Headers.TryAddWithoutValidation("X-Commerce-Topic", delivery.Topic);
            request.Headers.TryAddWithoutValidation("X-Commerce-Event-Id", delivery.EventId);
            request.Headers.TryAddWithoutValidation("X-Commerce-Delivery-Attempt", attempt.ToString(CultureInfo.InvariantCulture));
            var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhook.SharedSecret), body);
            request.Headers.TryAddWithoutValidation("X-Commerce-Signature", "sha256=" + Convert.ToHexStringLower(signature));
            // Commerce Layer's own headers, so that a receiver written for Commerce Layer verifies deliveries unchanged.
            request.Headers.TryAddWithoutValidation("X-CommerceLayer-Topic", delivery.Topic);
            request.Headers.TryAddWithoutValidation("X-CommerceLayer-Signature", Convert.ToBase64String(signature));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            return ((int)response.StatusCode, response.IsSuccessStatusCode ? null : $"the receiver answered {(int)response.StatusCode}", stopwatch.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {options.TimeoutSeconds} s", stopwatch.ElapsedMilliseconds);
        }
        catch (HttpRequestException exception)
        {
            return (null, $"the receiver could not be reached ({exception.HttpRequestError})", stopwatch.ElapsedMilliseconds);
        }
    }

    /// <param name="reason">What went wrong: the receiver's status, no answer in time, or why it could not be reached (never a body).</param>
    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} ({Topic}) attempt {Attempt} failed: {Reason}; circuit {Circuit}")]
    private static partial void LogFailed(ILogger logger, string webhookId, string topic, int attempt, string reason, string circuit);
}
