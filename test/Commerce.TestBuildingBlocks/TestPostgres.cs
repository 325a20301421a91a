using Npgsql;

namespace Commerce.TestBuildingBlocks;

/// <summary>
/// The PostgreSQL server the tests may use: the connection string in <c>COMMERCE_TEST_POSTGRES</c> (<c>.ci/run</c>
/// starts a private server and sets it). Each test or fixture makes a database of its own on it and drops it.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "COMMERCE_TEST_POSTGRES";

    /// <summary>Set to <c>PostgreSql</c>, the service of every test that does not choose its database runs on PostgreSQL (see <see cref="CommerceFactory"/>).</summary>
    public const string DefaultDatabaseVariable = "COMMERCE_TEST_DATABASE";

    /// <summary>True in the PostgreSQL pass of <c>.ci/run</c>: <c>COMMERCE_TEST_DATABASE=PostgreSql</c>.</summary>
    public static bool IsTheDefaultDatabase =>
        string.Equals(Environment.GetEnvironmentVariable(DefaultDatabaseVariable), "PostgreSql", StringComparison.OrdinalIgnoreCase);

    /// <summary>The server's connection string (no database); the calling test or fixture is ignored, with the reason, without it.</summary>
    public static string ServerOrIgnore()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(server))
            Assert.Ignore($"{Variable} is not set: .ci/run starts a PostgreSQL server and sets it.");
        return server!;
    }

    /// <summary>Creates the empty database <paramref name="database"/> on <paramref name="server"/>, as an operator would before the first start.</summary>
    public static async Task CreateDatabaseAsync(string server, string database)
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>Drops <paramref name="database"/> on <paramref name="server"/> (connections to it are closed first).</summary>
    public static async Task DropDatabaseAsync(string server, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
