namespace Commerce.Api.Outbox;

/// <summary>The <c>Outbox</c> configuration section.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Run the dispatcher in this process (default true).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>How often an idle dispatcher looks for work written by other instances (default 1 s).</summary>
    public double PollSeconds { get; set; } = 1;
    /// <summary>How long a claimed event is this instance's before another may take it over (default 30 s).</summary>
    public double LeaseSeconds { get; set; } = 30;
    /// <summary>After this many failed attempts an event is parked (default 8).</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>Backoff: 2^attempt seconds, at most this many (default 300).</summary>
    public double MaxBackoffSeconds { get; set; } = 300;
    public int BatchSize { get; set; } = 20;
}
