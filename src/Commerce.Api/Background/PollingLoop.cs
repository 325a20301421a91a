namespace Commerce.Api.Background;

/// <summary>
/// The skeleton every polling background loop shares (the outbox dispatcher, the webhook sender, the placement
/// reconciler): a pass, then a wait, until the host stops. A pass that throws is logged and the loop goes on; stopping
/// ends the loop quietly. What a pass does, and how long to wait after it, are the loop's own.
/// </summary>
/// <param name="name">What the log calls the loop, e.g. "outbox dispatcher".</param>
internal abstract partial class PollingLoop(string name, ILogger logger) : BackgroundService
{
    /// <summary>One pass; returns how much work it found (a loop may go again at once after a busy pass).</summary>
    protected abstract Task<int> RunPassAsync(CancellationToken cancellationToken);

    /// <summary>Waits before the next pass, given how much work the last one found (0 when it failed); false ends the loop.</summary>
    protected abstract Task<bool> WaitAsync(int found, CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var goOn = true;
            while (goOn && !stoppingToken.IsCancellationRequested)
            {
                var found = 0;
                try
                {
                    found = await RunPassAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogPassFailed(logger, exception, name);
                }
                goOn = await WaitAsync(found, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped: ends quietly (a cancelled ExecuteAsync outside host shutdown would stop the whole host).
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of the {Loop} failed; it goes on")]
    private static partial void LogPassFailed(ILogger logger, Exception exception, string loop);
}
