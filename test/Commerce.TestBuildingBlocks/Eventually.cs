namespace Commerce.TestBuildingBlocks;

/// <summary>Waits, bounded, for what the service does asynchronously (the outbox).</summary>
public static class Eventually
{
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
                return true;
            await Task.Delay(50);
        }
        return await condition();
    }

    /// <summary>Until no outbox event is pending: every effect of what happened so far has run.</summary>
    public static async Task OutboxIdleAsync(JsonApiClient integration)
    {
        var idle = await TrueAsync(async () =>
            (await integration.GetAsync("events?filter[q][status_eq]=pending&page[size]=1")).Body!["meta"]!["record_count"]!.GetValue<int>() == 0);
        Assert.That(idle, Is.True, "the outbox did not drain within 10 s");
    }
}
