using Commerce.Api.Persistence;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Persistence;

/// <summary>The SQLite file holds payment source tokens and password hashes: only the service's own user may read it, as the key files.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class Database_file_permissions
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The mode of each of the database's files that exists while the service runs.</summary>
    private static async Task<Dictionary<string, UnixFileMode>> StartAndStopAsync(string directory)
    {
        var database = Path.Combine(directory, "commerce.db");
        using (var factory = new CommerceFactory(new Dictionary<string, string?> { ["ConnectionStrings:Commerce"] = $"Data Source={database}" }))
        {
            var api = factory.CreateApiClient();
            Assert.That((await api.GetAsync("skus")).Status, Is.EqualTo(System.Net.HttpStatusCode.OK));
            // Read while the service holds a connection open: the -wal and -shm files exist only as long as one is.
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
            await db.Database.OpenConnectionAsync();
            Assert.That(await db.Skus.CountAsync(), Is.Positive);
            return new[] { database, database + "-wal", database + "-shm" }.Where(File.Exists)
                .ToDictionary(f => Path.GetFileName(f), f => File.GetUnixFileMode(f));
        }
    }

    [Test]
    public async Task A_new_database_file_and_its_wal_files_are_readable_by_the_owner_only()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False, "Unix file modes");
        var directory = Directory.CreateTempSubdirectory("commerce-mode-").FullName;
        try
        {
            var modes = await StartAndStopAsync(directory);

            Assert.That(modes.Keys, Is.EquivalentTo(new[] { "commerce.db", "commerce.db-wal", "commerce.db-shm" }));
            Assert.That(modes.Values, Is.Not.Empty.And.All.EqualTo(OwnerOnly), string.Join(", ", modes));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task A_world_readable_database_file_of_an_earlier_version_is_restricted_at_start_up()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False, "Unix file modes");
        var directory = Directory.CreateTempSubdirectory("commerce-mode-").FullName;
        try
        {
            var database = Path.Combine(directory, "commerce.db");
            File.WriteAllBytes(database, []);
            File.SetUnixFileMode(database, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

            var modes = await StartAndStopAsync(directory);

            Assert.That(modes.Values, Is.Not.Empty.And.All.EqualTo(OwnerOnly), string.Join(", ", modes));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
