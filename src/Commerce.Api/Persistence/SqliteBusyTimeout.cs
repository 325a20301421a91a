using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Commerce.Api.Persistence;

/// <summary>
/// Lets SQLite itself wait for the write lock (<c>PRAGMA busy_timeout</c>, as long as the command timeout) on every
/// connection EF Core opens. Microsoft.Data.Sqlite sets no busy timeout and retries a busy statement itself after
/// sleeping 150 ms, so under concurrent writes a request waited in 150 ms steps for a lock that is usually free
/// again within a millisecond; SQLite's own handler retries after 1, 2, 5, 10… ms. Measured with the load
/// benchmark (test/Commerce.LoadTests): see the README's Performance section.
/// </summary>
internal sealed class SqliteBusyTimeout(int milliseconds) : DbConnectionInterceptor
{
    private readonly string _pragma = $"PRAGMA busy_timeout = {milliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite)
            return;
        using var command = sqlite.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }
}
