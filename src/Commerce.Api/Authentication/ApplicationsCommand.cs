using Commerce.Api.Persistence;
using Commerce.Domain.Common;

namespace Commerce.Api.Authentication;

/// <summary>
/// <c>dotnet run --project src/Commerce.Api -- applications create --kind integration|sales_channel --name NAME [--public]</c>:
/// adds an OAuth client and prints its credentials once (only the secret's hash is stored).
/// </summary>
internal static class ApplicationsCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "applications";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var kind = Option("--kind");
        var name = Option("--name");
        var isPublic = args.Contains("--public");
        if (args.Length < 2 || args[1] != "create" || kind is null || !ApplicationKinds.All.Contains(kind) || string.IsNullOrWhiteSpace(name)
            || (isPublic && kind != ApplicationKinds.SalesChannel))
        {
            await Console.Error.WriteLineAsync("usage: applications create --kind integration|sales_channel --name NAME [--public (sales channels only)]");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var clientId = ResourceId.New() + ResourceId.New();
        var secret = isPublic ? null : Secrets.NewSecret();
        db.ApplicationClients.Add(new ApplicationClient(name, kind, clientId, secret is null ? null : Secrets.Hash(secret)));
        await db.SaveChangesAsync();
        Console.WriteLine($"kind:          {kind}");
        Console.WriteLine($"name:          {name}");
        Console.WriteLine($"client_id:     {clientId}");
        Console.WriteLine(secret is null ? "client_secret: (none: a public client)" : $"client_secret: {secret}");
        if (secret is not null)
            Console.WriteLine("The secret is shown once and stored only as a hash: keep it now.");
        return 0;
    }
}
