using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Commerce.Api.Persistence;

// Used by `dotnet ef migrations add … --context <X>CommerceDbContext` only: no database is opened.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCommerceDbContext>
{
    public SqliteCommerceDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteCommerceDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureSqlite(builder, "Data Source=design.db");
        return new SqliteCommerceDbContext(builder.Options, TimeProvider.System, null);
    }
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerCommerceDbContext>
{
    public SqlServerCommerceDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqlServerCommerceDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureSqlServer(builder, "Server=localhost;Database=commerce;Trusted_Connection=True;TrustServerCertificate=True");
        return new SqlServerCommerceDbContext(builder.Options, TimeProvider.System, null);
    }
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlCommerceDbContext>
{
    public PostgreSqlCommerceDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgreSqlCommerceDbContext>();
        PersistenceServiceCollectionExtensions.ConfigurePostgreSql(builder, "Host=localhost;Database=commerce;Username=postgres");
        return new PostgreSqlCommerceDbContext(builder.Options, TimeProvider.System, null);
    }
}
