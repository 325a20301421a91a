using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    public const string ConnectionStringName = "Commerce";

    /// <summary>Registers <see cref="CommerceDbContext"/> for the configured provider.</summary>
    public static IServiceCollection AddCommercePersistence(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
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
                var postgres = Required(connectionString, options.Provider);
                services.AddDbContext<PostgreSqlCommerceDbContext>(o => ConfigurePostgreSql(o, postgres));
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
        builder.UseNpgsql(connectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));

    /// <summary>The SQLite file defaults to <c>App_Data/commerce.db</c> under the content root; its folder is created.</summary>
    private static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=App_Data/commerce.db" : configured);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            if (!Path.IsPathRooted(builder.DataSource))
                builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        builder.Pooling = true;
        builder.DefaultTimeout = SqliteDefaultTimeoutSeconds;
        return builder.ToString();
    }

    private static string Required(string? connectionString, DatabaseProvider provider) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException($"Database:Provider is {provider}: set ConnectionStrings:{ConnectionStringName}.")
            : connectionString;
}
