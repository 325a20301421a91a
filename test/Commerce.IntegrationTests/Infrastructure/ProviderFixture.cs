using Commerce.Api.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Infrastructure;

/// <summary>
/// An <see cref="ApiFixture"/> run once per database provider: <c>[TestFixture("Sqlite")]</c> and <c>[TestFixture("PostgreSql")]</c>
/// on the derived class. PostgreSQL gets a database of its own on the server COMMERCE_TEST_POSTGRES names (ignored when it is
/// unset), dropped when the fixture ends. Category <c>BothProviders</c>: the PostgreSQL pass of <c>.ci/run</c> leaves these
/// out, since the ordinary pass already runs them on both.
/// </summary>
[Category("BothProviders")]
public abstract class ProviderFixture(string provider) : ApiFixture
{
    protected string Provider => provider;

    protected override IReadOnlyDictionary<string, string?>? Settings
    {
        get
        {
            if (provider == "Sqlite")
                return new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite" };
            var server = TestPostgres.ServerOrIgnore();
            return new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider,
                ["ConnectionStrings:Commerce"] = $"{server};Database=commerce_test_{Guid.NewGuid():N}",
            };
        }
    }

    [OneTimeTearDown]
    public async Task DropPostgreSqlDatabase()
    {
        if (provider == "Sqlite" || Factory is null)
            return;
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().Database.EnsureDeletedAsync();
    }
}
