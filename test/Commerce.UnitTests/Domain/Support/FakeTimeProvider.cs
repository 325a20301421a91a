namespace Commerce.UnitTests.Domain.Support;

/// <summary>
/// A clock that stands still until <see cref="Advance"/> moves it; timers created on it (Task.Delay,
/// CancellationTokenSource with a TimeProvider) fire only when the clock passes their due time.
/// </summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now = start;

    public FakeTimeProvider()
        : this(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
            return _now;
    }

    /// <summary>Timers waiting to fire.</summary>
    public int ScheduledTimers
    {
        get
        {
            lock (_lock)
                return _timers.Count(t => t.Due is not null);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        lock (_lock)
            _timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock and fires every timer that became due (outside the lock).</summary>
    public void Advance(TimeSpan by)
    {
        var fire = new List<FakeTimer>();
        lock (_lock)
        {
            _now += by;
            foreach (var timer in _timers.Where(t => t.Due <= _now))
            {
                fire.Add(timer);
                timer.Due = timer.Period > TimeSpan.Zero ? timer.Due + timer.Period : null;
            }
        }

        foreach (var timer in fire)
            timer.Fire();
    }

    /// <summary>Waits (really) until something scheduled a timer on this clock.</summary>
    public async Task WaitForTimersAsync(int count = 1)
    {
        for (var i = 0; i < 500 && ScheduledTimers < count; i++)
            await Task.Delay(10);
    }

    private sealed class FakeTimer(FakeTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }
        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._lock)
                clock._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
