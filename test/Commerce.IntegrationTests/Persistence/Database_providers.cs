using System.Net;
using Commerce.Api.Persistence;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Persistence;

/// <summary>SQL Server cannot run here: its model must still build and its migrations must script.</summary>
public sealed class Sql_server_migrations
{
    [Test]
    public void The_sql_server_migrations_generate_an_idempotent_script()
    {
        var options = new DbContextOptionsBuilder<SqlServerCommerceDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureSqlServer(options, "Server=unused;Database=commerce;TrustServerCertificate=True");
        using var db = new SqlServerCommerceDbContext(options.Options, TimeProvider.System, null);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.That(db.Database.GetMigrations(), Is.Not.Empty);
        Assert.That(script, Does.Contain("CREATE TABLE [skus]").And.Contain("IF NOT EXISTS"));
        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "the SQL Server migrations are behind the model: run add-migration.sh");
    }

    [Test]
    public void The_sqlite_and_postgresql_migrations_match_the_model()
    {
        var sqlite = new DbContextOptionsBuilder<SqliteCommerceDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureSqlite(sqlite, "Data Source=:memory:");
        using var sqliteDb = new SqliteCommerceDbContext(sqlite.Options, TimeProvider.System, null);
        var postgres = new DbContextOptionsBuilder<PostgreSqlCommerceDbContext>();
        PersistenceServiceCollectionExtensions.ConfigurePostgreSql(postgres, "Host=unused");
        using var postgresDb = new PostgreSqlCommerceDbContext(postgres.Options, TimeProvider.System, null);

        Assert.That(sqliteDb.Database.HasPendingModelChanges(), Is.False, "the SQLite migrations are behind the model");
        Assert.That(postgresDb.Database.HasPendingModelChanges(), Is.False, "the PostgreSQL migrations are behind the model");
    }
}

/// <summary>What the service adds to a PostgreSQL connection string (no server needed).</summary>
public sealed class PostgreSql_connection_strings
{
    [Test]
    public void Pooled_connections_are_not_reset_and_statements_are_prepared_when_the_connection_string_does_not_say()
    {
        var options = new DbContextOptionsBuilder<PostgreSqlCommerceDbContext>();
        PersistenceServiceCollectionExtensions.ConfigurePostgreSql(options, "Host=db.internal;Database=commerce;Username=commerce;Password=p;Maximum Pool Size=40");
        using var db = new PostgreSqlCommerceDbContext(options.Options, TimeProvider.System, null);

        var used = new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());

        Assert.That(used.NoResetOnClose, Is.True);
        Assert.That(used.MaxAutoPrepare, Is.EqualTo(64));
        Assert.That((used.Host, used.Database, used.Username, used.Password, used.MaxPoolSize), Is.EqualTo(("db.internal", "commerce", "commerce", "p", 40)), "the rest as given");
    }

    [TestCase("No Reset On Close=false")]
    [TestCase("noresetonclose=False")]
    public void A_connection_string_that_asks_for_the_reset_keeps_it(string setting)
    {
        Assert.That(new Npgsql.NpgsqlConnectionStringBuilder(PersistenceServiceCollectionExtensions.PostgreSqlConnectionString($"Host=db;{setting}")).NoResetOnClose, Is.False);
    }

    [TestCase("Max Auto Prepare=0", 0)]
    [TestCase("MaxAutoPrepare=200", 200)]
    public void A_connection_string_that_sets_auto_preparation_keeps_its_setting(string setting, int expected)
    {
        Assert.That(new Npgsql.NpgsqlConnectionStringBuilder(PersistenceServiceCollectionExtensions.PostgreSqlConnectionString($"Host=db;{setting}")).MaxAutoPrepare, Is.EqualTo(expected));
    }
}

/// <summary>The service on a real PostgreSQL server (CI starts one and sets COMMERCE_TEST_POSTGRES).</summary>
public sealed class PostgreSql_provider
{
    [Test]
    public async Task The_service_migrates_seeds_and_queries_postgresql()
    {
        var server = TestPostgres.ServerOrIgnore();
        var database = $"commerce_test_{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Commerce"] = $"{server};Database={database}",
        };
        using var factory = new CommerceFactory(settings);
        var api = factory.CreateApiClient();

        var list = await api.GetAsync("skus?include=prices,stock_item&sort=-code&page[size]=2&filter[q][code_cont]=x&filter[q][reference_blank]=true&filter[q][created_at_gt]=2000-01-01T00:00:00Z");
        var created = await api.PostAsync("skus", JsonApiClient.Document("skus", new { code = "PG1", name = "On PostgreSQL" }));
        var duplicate = await api.PostAsync("skus", JsonApiClient.Document("skus", new { code = "PG1", name = "Again" }));

        Assert.That(list.Status, Is.EqualTo(HttpStatusCode.OK), list.ToString());
        Assert.That(list.Body!["meta"]!["record_count"]!.GetValue<int>(), Is.EqualTo(4));
        Assert.That(list.Data[0]!["attributes"]!["code"]!.GetValue<string>(), Is.EqualTo("TSHIRTMM000000FFFFFFXLXX"));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(duplicate.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/code" }));

        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().Database.EnsureDeletedAsync();
    }
}

/// <summary>Demo data is seeded once: a second start on the same database adds nothing.</summary>
public sealed class Demo_data
{
    [Test]
    public async Task A_second_start_adds_no_demo_data()
    {
        var file = Path.Combine(Path.GetTempPath(), $"commerce-seed-{Guid.NewGuid():N}.db");
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Commerce"] = $"Data Source={file}" };
        try
        {
            int first, second;
            using (var factory = new CommerceFactory(settings))
                first = await CountSkusAsync(factory);
            using (var factory = new CommerceFactory(settings))
                second = await CountSkusAsync(factory);

            Assert.That(first, Is.EqualTo(5));
            Assert.That(second, Is.EqualTo(first));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private static async Task<int> CountSkusAsync(CommerceFactory factory)
    {
        var api = factory.CreateApiClient();
        var response = await api.GetAsync("skus?page[size]=1");
        return response.Body!["meta"]!["record_count"]!.GetValue<int>();
    }
}
