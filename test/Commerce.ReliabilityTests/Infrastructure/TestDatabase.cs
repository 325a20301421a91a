using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Commerce.ReliabilityTests.Infrastructure;

public enum Provider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// A database of its own for one fixture: a SQLite file in a temporary folder, or a fresh database on the PostgreSQL
/// server of <c>COMMERCE_TEST_POSTGRES</c> (ignored, with the reason, when that is not set). Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _server;
    private readonly string? _name;

    private TestDatabase(Provider provider, string connectionString, string directory, string? server, string? name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Directory = directory;
        _server = server;
        _name = name;
    }

    public Provider Provider { get; }
    public string ConnectionString { get; }
    /// <summary>A folder of the fixture: the SQLite file, the service's keys.</summary>
    public string Directory { get; }

    /// <summary>A new database; for PostgreSQL without <c>COMMERCE_TEST_POSTGRES</c> the calling test (or fixture) is ignored.</summary>
    public static TestDatabase Create(Provider provider)
    {
        var directory = Path.Combine(Path.GetTempPath(), "commerce-tests", "reliability-" + Guid.NewGuid().ToString("N"));
        if (provider == Provider.Sqlite)
        {
            System.IO.Directory.CreateDirectory(directory);
            return new TestDatabase(provider, $"Data Source={Path.Combine(directory, "commerce.db")}", directory, null, null);
        }
        var server = TestPostgres.ServerOrIgnore();
        System.IO.Directory.CreateDirectory(directory);
        var name = $"commerce_rel_{Guid.NewGuid():N}";
        return new TestDatabase(provider, $"{server};Database={name}", directory, server, name);
    }

    /// <summary>Settings for <see cref="CommerceFactory"/> (':'-separated keys).</summary>
    public Dictionary<string, string?> FactorySettings() => new()
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Commerce"] = ConnectionString,
    };

    /// <summary>Settings for <see cref="ServiceProcess"/> (environment variables).</summary>
    public Dictionary<string, string> ProcessSettings() => new()
    {
        ["Database__Provider"] = Provider.ToString(),
        ["ConnectionStrings__Commerce"] = ConnectionString,
    };

    /// <summary>An open connection of the test's own (not the service's pool).</summary>
    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = Provider == Provider.Sqlite
            ? new SqliteConnection(ConnectionString + ";Pooling=False;Default Timeout=30")
            : new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs one statement (for tests that break rows on purpose).</summary>
    /// <summary>The first column of the first row of <paramref name="sql"/>'s answer.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (_server is not null)
            await TestPostgres.DropDatabaseAsync(_server, _name!);
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
