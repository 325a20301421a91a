using Commerce.Api.Persistence;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Persistence;

/// <summary>
/// Every SQLite connection the service uses lets SQLite wait for the write lock (<c>PRAGMA busy_timeout</c>), set once per
/// connection handle: a handle reused from the pool keeps it, a new handle gets it.
/// </summary>
[Category("SqliteOnly")]
public sealed class Sqlite_connections : ApiFixture
{
    private async Task<long> BusyTimeoutOfANewContextAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA busy_timeout;";
            return (long)(await command.ExecuteScalarAsync())!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [Test]
    public async Task A_pooled_connection_keeps_its_busy_timeout_and_a_new_one_gets_it()
    {
        var first = await BusyTimeoutOfANewContextAsync();
        var reused = await BusyTimeoutOfANewContextAsync();
        SqliteConnection.ClearAllPools();
        var fresh = await BusyTimeoutOfANewContextAsync();

        Assert.That(first, Is.EqualTo(30_000));
        Assert.That(reused, Is.EqualTo(30_000), "a handle taken again from the pool");
        Assert.That(fresh, Is.EqualTo(30_000), "a handle opened after the pool was cleared");
    }
}
