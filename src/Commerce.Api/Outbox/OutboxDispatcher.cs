using Commerce.Api.Background;
using Commerce.Api.Persistence;
using Commerce.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Outbox;

/// <summary>
/// Delivers outbox events to their handlers, at least once, in every instance of the service. An instance
/// claims an event by compare-and-set on its lease (<c>locked_until</c>), so two instances never work on one
/// event at the same time; if an instance dies, the lease runs out and another takes the event over. Each
/// handler's effect is committed with a (event, handler) marker whose key is unique, so redelivery never
/// repeats an effect. A failing event is retried with exponential backoff and parked after
/// <see cref="OutboxOptions.MaxAttempts"/>, with its error, for an integration to see at <c>/api/events</c>.
/// </summary>
internal sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxOptions options,
    OutboxSignal signal,
    IEnumerable<IEventHandler> handlers,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : PollingLoop("outbox dispatcher", logger)
{
    private readonly string _instance = ResourceId.New();

    protected override Task<int> RunPassAsync(CancellationToken cancellationToken) => DispatchOnceAsync(cancellationToken);

    /// <summary>After a busy pass none (more may be due); after an idle one, until woken by a save or the idle delay runs out.</summary>
    protected override async Task<bool> WaitAsync(int found, CancellationToken cancellationToken)
    {
        if (found == 0)
            await signal.WaitAsync(await IdleDelayAsync(cancellationToken), cancellationToken);
        return true;
    }

    /// <summary>
    /// How long to sleep when nothing was due: until the earliest retry of an event this instance may take,
    /// at most one poll (other instances' new events are only seen by polling), at least a moment.
    /// </summary>
    private async Task<TimeSpan> IdleDelayAsync(CancellationToken cancellationToken)
    {
        var poll = TimeSpan.FromSeconds(options.PollSeconds);
        try
        {
            var now = clock.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            var next = await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().OutboxEvents.AsNoTracking()
                .Where(e => e.Status == OutboxStatus.Pending && (e.LockedUntil == null || e.LockedUntil < now))
                .OrderBy(e => e.NextAttemptAt).Select(e => (DateTimeOffset?)e.NextAttemptAt)
                .FirstOrDefaultAsync(cancellationToken);
            if (next is null)
                return poll;
            var untilDue = next.Value - clock.GetUtcNow();
            return untilDue < MinimumIdle ? MinimumIdle : untilDue > poll ? poll : untilDue;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogIdleDelayFailed(logger, exception);
            return poll;
        }
    }

    private static readonly TimeSpan MinimumIdle = TimeSpan.FromMilliseconds(50);

    /// <summary>Claims and processes the events that are due; returns how many were processed.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<string> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().OutboxEvents.AsNoTracking()
                .Where(e => e.Status == OutboxStatus.Pending && e.NextAttemptAt <= now && (e.LockedUntil == null || e.LockedUntil < now))
                .OrderBy(e => e.CreatedAt).Select(e => e.Id).Take(options.BatchSize)
                .ToListAsync(cancellationToken);
        }
        var processed = 0;
        foreach (var id in due)
        {
            if (await ClaimAsync(id, cancellationToken))
            {
                await ProcessAsync(id, cancellationToken);
                processed++;
            }
        }
        return processed;
    }

    private async Task<bool> ClaimAsync(string id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + TimeSpan.FromSeconds(options.LeaseSeconds);
        await using var scope = scopes.CreateAsyncScope();
        var claimed = await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().OutboxEvents
            .Where(e => e.Id == id && e.Status == OutboxStatus.Pending && (e.LockedUntil == null || e.LockedUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.LockedBy, _instance).SetProperty(e => e.LockedUntil, until), cancellationToken);
        return claimed == 1;
    }

    private async Task ProcessAsync(string id, CancellationToken cancellationToken)
    {
        OutboxEvent outboxEvent;
        await using (var scope = scopes.CreateAsyncScope())
            outboxEvent = await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().OutboxEvents.AsNoTracking().FirstAsync(e => e.Id == id, cancellationToken);

        foreach (var handler in handlers.Where(h => h.Handles(outboxEvent.Topic)))
        {
            try
            {
                await RunOnceAsync(handler, outboxEvent, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await FailAsync(outboxEvent, handler, exception);
                return;
            }
        }
        await FinishAsync(id, OutboxStatus.Done, null, outboxEvent.Attempts, null);
    }

    /// <summary>The handler's effect and its marker in one transaction; a marker already there means it was done.</summary>
    private async Task RunOnceAsync(IEventHandler handler, OutboxEvent outboxEvent, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await db.HandledEvents.AnyAsync(h => h.EventId == outboxEvent.Id && h.Handler == handler.Name, cancellationToken))
                return;
            await handler.HandleAsync(outboxEvent, db, cancellationToken);
            db.HandledEvents.Add(new HandledEvent { EventId = outboxEvent.Id, Handler = handler.Name, Instance = _instance, HandledAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                // Another instance committed the same effect first (our lease ran out): ours is rolled back.
                if (!await MarkedElsewhereAsync(outboxEvent.Id, handler.Name))
                    throw;
            }
        });
    }

    private async Task<bool> MarkedElsewhereAsync(string eventId, string handler)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().HandledEvents
            .AnyAsync(h => h.EventId == eventId && h.Handler == handler, CancellationToken.None);
    }

    private async Task FailAsync(OutboxEvent outboxEvent, IEventHandler handler, Exception exception)
    {
        var attempts = outboxEvent.Attempts + 1;
        var parked = attempts >= options.MaxAttempts;
        var backoff = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempts), options.MaxBackoffSeconds));
        var error = $"{handler.Name}: {exception.GetType().Name}: {exception.Message}";
        LogHandlerFailed(logger, exception, outboxEvent.Id, outboxEvent.Topic, handler.Name, attempts, parked);
        await FinishAsync(outboxEvent.Id, parked ? OutboxStatus.Parked : OutboxStatus.Pending, error[..Math.Min(error.Length, 2000)], attempts,
            clock.GetUtcNow() + backoff);
    }

    private async Task FinishAsync(string id, string status, string? error, int attempts, DateTimeOffset? nextAttempt)
    {
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().OutboxEvents
            .Where(e => e.Id == id && e.LockedBy == _instance)
            .ExecuteUpdateAsync(set => set
                .SetProperty(e => e.Status, status)
                .SetProperty(e => e.Attempts, attempts)
                .SetProperty(e => e.LastError, error)
                .SetProperty(e => e.NextAttemptAt, nextAttempt ?? now)
                .SetProperty(e => e.ProcessedAt, status == OutboxStatus.Done ? now : null)
                .SetProperty(e => e.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(e => e.LockedBy, (string?)null), CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox event {EventId} ({Topic}): handler {Handler} failed, attempt {Attempts}, parked: {Parked}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string eventId, string topic, string handler, int attempts, bool parked);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox dispatcher could not look up when the next event is due; it polls")]
    private static partial void LogIdleDelayFailed(ILogger logger, Exception exception);
}
