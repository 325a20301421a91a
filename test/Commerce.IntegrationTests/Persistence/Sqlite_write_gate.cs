using Commerce.Api.Idempotency;
using Commerce.Api.Persistence;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Persistence;

/// <summary>
/// SQLite's writers queue on one in-process gate: every way a write can end gives the turn back, and a second
/// writer starts only once the first is done.
/// </summary>
[Category("SqliteOnly")]
public sealed class Sqlite_write_gate : ApiFixture
{
    private static SqliteWriteGate GateOf(CommerceDbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.Interceptors!.OfType<SqliteWriteGate>().Single();

    /// <summary>Free again soon: the service's own background writers (outbox, webhooks) may hold it for a moment.</summary>
    private static async Task AssertFreedAsync(SqliteWriteGate gate, string after) =>
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(gate.IsFree), TimeSpan.FromSeconds(5)), Is.True, $"the gate is free after {after}");

    private static IdempotencyRecord Record(string key) => new()
    {
        Key = key, Fingerprint = "f", CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddHours(1),
    };

    [Test]
    public async Task Every_way_a_write_ends_gives_the_turn_back()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var gate = GateOf(db);
        var key = Guid.NewGuid().ToString("N");

        await using (var committed = await db.Database.BeginTransactionAsync())
        {
            db.IdempotencyRecords.Add(Record(key));
            await db.SaveChangesAsync();
            await committed.CommitAsync();
        }
        await AssertFreedAsync(gate, "a commit");

        await using (var rolledBack = await db.Database.BeginTransactionAsync())
            await rolledBack.RollbackAsync();
        await AssertFreedAsync(gate, "a rollback");

        await using (await db.Database.BeginTransactionAsync())
        {
            // disposed with neither commit nor rollback
        }
        await AssertFreedAsync(gate, "a transaction disposed unfinished");

        await db.IdempotencyRecords.Where(r => r.Key == key).ExecuteUpdateAsync(set => set.SetProperty(r => r.StatusCode, 201));
        await AssertFreedAsync(gate, "a lone UPDATE");

        db.ChangeTracker.Clear();
        db.IdempotencyRecords.Add(Record(key));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(), "the same key twice breaks the primary key");
        await AssertFreedAsync(gate, "a failed INSERT");
    }

    [Test]
    public async Task A_second_writer_starts_only_when_the_first_is_done()
    {
        await using var first = Factory.Services.CreateAsyncScope();
        await using var second = Factory.Services.CreateAsyncScope();
        var firstDb = first.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<CommerceDbContext>();

        var gate = GateOf(firstDb);

        await using var firstTransaction = await firstDb.Database.BeginTransactionAsync();
        var heldByTheFirst = !gate.IsFree;
        var secondBegins = secondDb.Database.BeginTransactionAsync();
        // The event itself: the second writer queued at the gate (it never does if the gate lets it through).
        var queued = await Eventually.TrueAsync(() => Task.FromResult(gate.IsWaiting(secondDb.Database.GetDbConnection())));
        var startedWhileFirstOpen = secondBegins.IsCompleted;
        await firstTransaction.CommitAsync();
        await using var secondTransaction = await secondBegins.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(heldByTheFirst, Is.True, "an open transaction holds the gate");
        Assert.That(queued, Is.True, "the second transaction queued at the gate while the first was open");
        Assert.That(startedWhileFirstOpen, Is.False, "the second transaction had not begun while the first was open");
        Assert.That(gate.IsWaiting(secondDb.Database.GetDbConnection()), Is.False, "it left the queue when its turn came");
        await secondTransaction.CommitAsync();
    }
}
