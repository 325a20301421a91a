using System.Data.Common;
using Commerce.Api.Configuration;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Commerce.Api.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default: a file created and migrated on first start), <c>SqlServer</c> or <c>PostgreSql</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up (default true).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Seed the demo catalog into an empty database (default true).</summary>
    public bool SeedDemoData { get; set; } = true;
}

/// <summary>The rules of the <c>Database</c> section, and of the connection string its provider needs.</summary>
internal sealed class DatabaseOptionsValidator(IConfiguration configuration) : SectionValidator<DatabaseOptions>(DatabaseOptions.Section)
{
    private const string ConnectionKey = "ConnectionStrings:" + PersistenceServiceCollectionExtensions.ConnectionStringName;

    protected override void Check(DatabaseOptions options, SectionProblems problems)
    {
        var provider = options.Provider;
        if (!Enum.IsDefined(provider))
        {
            problems.Add($"{problems.Key(nameof(options.Provider))} is '{provider}': use Sqlite, SqlServer or PostgreSql");
            provider = DatabaseProvider.Sqlite;
        }
        var connection = configuration.GetConnectionString(PersistenceServiceCollectionExtensions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connection))
        {
            if (provider != DatabaseProvider.Sqlite)
                problems.Add($"{ConnectionKey} is not set, and {problems.Key(nameof(options.Provider))} {provider} needs it");
            return;
        }
        try
        {
            DbConnectionStringBuilder builder = provider switch
            {
                DatabaseProvider.SqlServer => new SqlConnectionStringBuilder(connection),
                DatabaseProvider.PostgreSql => new NpgsqlConnectionStringBuilder(connection),
                _ => new SqliteConnectionStringBuilder(connection),
            };
            if (provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(((NpgsqlConnectionStringBuilder)builder).Host))
                problems.Add($"{ConnectionKey} has no Host for PostgreSql");
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            // The message of a connection string parser can quote the string, password included: say only which key.
            problems.Add($"{ConnectionKey} is not a valid {provider} connection string");
        }
    }
}
