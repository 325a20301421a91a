using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    public const string ConnectionStringName = "Commerce";

    /// <summary>Registers <see cref="CommerceDbContext"/> for the configured provider.</summary>
    public static IServiceCollection AddCommercePersistence(this IServiceCollection services, IConfiguration configuration, string contentRoot, DatabaseOptions options)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = SqliteConnectionString(connectionString, contentRoot);
                services.AddDbContext<SqliteCommerceDbContext>(o => ConfigureSqlite(o, sqlite));
                services.AddScoped<CommerceDbContext>(sp => sp.GetRequiredService<SqliteCommerceDbContext>());
                break;
            case DatabaseProvider.SqlServer:
                var sqlServer = Required(connectionString, options.Provider);
                services.AddDbContext<SqlServerCommerceDbContext>(o => ConfigureSqlServer(o, sqlServer));
                services.AddScoped<CommerceDbContext>(sp => sp.GetRequiredService<SqlServerCommerceDbContext>());
                break;
            case DatabaseProvider.PostgreSql:
                // The options are built per scope: the connection string is completed once, here.
                var postgres = PostgreSqlConnectionString(Required(connectionString, options.Provider));
                services.AddDbContext<PostgreSqlCommerceDbContext>(o => UseNpgsql(o, postgres));
                services.AddScoped<CommerceDbContext>(sp => sp.GetRequiredService<PostgreSqlCommerceDbContext>());
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not one of Sqlite, SqlServer, PostgreSql.");
        }
        // The JSON:API layer renders what an update saved from the request's context instead of reading it again.
        services.AddScoped<DbContext>(sp => sp.GetRequiredService<CommerceDbContext>());
        return services;
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
            .AddInterceptors(SqliteBusy, WriteGates.GetOrAdd(connectionString, _ => new SqliteWriteGate(TimeSpan.FromSeconds(SqliteDefaultTimeoutSeconds))));

    /// <summary>One instance for every context (a new one per context would make EF Core build a service provider per context).</summary>
    private static readonly SqliteBusyTimeout SqliteBusy = new(SqliteDefaultTimeoutSeconds * 1000);

    /// <summary>One write gate per database file in this process, shared by every context on it.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SqliteWriteGate> WriteGates = new(StringComparer.Ordinal);

    private const int SqliteDefaultTimeoutSeconds = 30;

    public static void ConfigureSqlServer(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlServer(connectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery).EnableRetryOnFailure());

    public static void ConfigurePostgreSql(DbContextOptionsBuilder builder, string connectionString) =>
        UseNpgsql(builder, PostgreSqlConnectionString(connectionString));

    private static void UseNpgsql(DbContextOptionsBuilder builder, string completedConnectionString) =>
        builder.UseNpgsql(completedConnectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));

    /// <summary>
    /// Two Npgsql settings the service chooses unless the connection string sets them, each measured in the load benchmark's
    /// checkout (same-run A/B on PostgreSQL 15, see docs/performance.md):
    /// <list type="bullet">
    /// <item><c>No Reset On Close=true</c>. EF Core opens a pooled connection for nearly every query outside a transaction,
    /// and Npgsql resets each one it takes back (<c>DISCARD ALL</c>), a server transaction of its own: 131,000 against
    /// 74,000 transactions on the server for the same ~1,000 checkouts. The service leaves no session state on a connection
    /// (no <c>SET</c>, temporary tables, advisory locks or <c>LISTEN</c>), so there is nothing to reset.</item>
    /// <item><c>Max Auto Prepare=64</c>: a statement run 5 times on a connection is prepared on the server, which then
    /// stops parsing and planning EF Core's long queries (an order with its parts) on every run: 8.1 → 28.6 checkouts/s,
    /// server CPU per checkout 0.62×. A prepared statement lives on its pooled connection, so it needs the first setting.</item>
    /// </list>
    /// </summary>
    internal static string PostgreSqlConnectionString(string configured)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        if (!given.Contains(nameof(builder.NoResetOnClose)))
            builder.NoResetOnClose = true;
        if (!given.Contains(nameof(builder.MaxAutoPrepare)))
            builder.MaxAutoPrepare = PostgreSqlMaxAutoPrepare;
        return builder.ConnectionString;
    }

    internal const int PostgreSqlMaxAutoPrepare = 64;

    /// <summary>
    /// The SQLite file defaults to <c>App_Data/commerce.db</c> under the content root; its folder is created, and the file
    /// is made readable by the service's user only (see <see cref="RestrictToOwner"/>).
    /// </summary>
    private static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=App_Data/commerce.db" : configured);
        if (builder.DataSource is { Length: > 0 } && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            if (!Path.IsPathRooted(builder.DataSource))
                builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
            if (!OperatingSystem.IsWindows())
                RestrictToOwner(builder.DataSource);
        }
        builder.Pooling = true;
        builder.DefaultTimeout = SqliteDefaultTimeoutSeconds;
        return builder.ToString();
    }

    /// <summary>
    /// The database holds payment source tokens and password hashes: it is created 0600, like the key files, rather than
    /// with the umask's 0644, and put in WAL mode as EF Core does when it creates the file itself (it no longer does: the
    /// file exists). SQLite creates the <c>-wal</c> and <c>-shm</c> files with the database file's mode. A file of an
    /// earlier version, and its <c>-wal</c> and <c>-shm</c>, are restricted too.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void RestrictToOwner(string path)
    {
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (!File.Exists(path))
        {
            try
            {
                using (new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = ownerOnly }))
                {
                }
                using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
                connection.Open();
                using var wal = connection.CreateCommand();
                wal.CommandText = "PRAGMA journal_mode = 'wal';";
                wal.ExecuteNonQuery();
            }
            catch (IOException) when (File.Exists(path))
            {
                // Created by another process meanwhile: restricted below.
            }
        }
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            try
            {
                if (File.Exists(file) && (File.GetUnixFileMode(file) & ~ownerOnly) != 0)
                    File.SetUnixFileMode(file, File.GetUnixFileMode(file) & ownerOnly);
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's file that this one may write: its owner decides its mode.
            }
        }
    }

    private static string Required(string? connectionString, DatabaseProvider provider) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException($"Database:Provider is {provider}: set ConnectionStrings:{ConnectionStringName}.")
            : connectionString;
}
