using Commerce.Api.Authentication;
using Commerce.Api.Persistence;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Authentication;

/// <summary>The <c>applications create</c> command prints working credentials once and stores only a hash.</summary>
[NonParallelizable]
public sealed class Creating_applications : ApiFixture
{
    [Test]
    public async Task A_created_integration_can_get_a_token_with_the_printed_secret()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        int exit;
        try
        {
            exit = await ApplicationsCommand.RunAsync(["applications", "create", "--kind", "integration", "--name", "Back office"], Factory.Services);
        }
        finally
        {
            Console.SetOut(original);
        }
        var lines = output.ToString().Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());

        var token = await Factory.GetTokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = lines["client_id"], ["client_secret"] = lines["client_secret"] });
        var response = await Factory.CreateApiClient(token).GetAsync("orders");

        Assert.That(exit, Is.Zero);
        Assert.That(response.Status, Is.EqualTo(System.Net.HttpStatusCode.OK), "an integration may list orders");
        await using var scope = Factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().ApplicationClients.SingleAsync(a => a.ClientId == lines["client_id"]);
        Assert.That(stored.SecretHash, Does.Not.Contain(lines["client_secret"]), "only a hash is stored");
    }

    [Test]
    public async Task A_wrong_kind_is_refused_with_usage()
    {
        var exit = await ApplicationsCommand.RunAsync(["applications", "create", "--kind", "admin", "--name", "x"], Factory.Services);

        Assert.That(exit, Is.EqualTo(2));
    }
}
