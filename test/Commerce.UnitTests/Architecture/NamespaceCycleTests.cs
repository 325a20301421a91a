namespace Commerce.UnitTests.Architecture;

/// <summary>
/// The projects' namespace import graphs, from their sources. <c>Commerce.JsonApi</c> and <c>Commerce.Domain</c> have no cycle; <c>Commerce.Api</c>
/// has one, the DbContext hub: <see cref="DbContextHub"/> holds <c>CommerceDbContext</c>, which maps the service's own
/// records (clients and refresh tokens, idempotency records, outbox events, webhooks), whose namespaces use it. Resources,
/// placement, gateways and hosting only use what they need, so a new cycle is a design change, not an accident.
/// </summary>
public sealed class NamespaceCycleTests
{
    private static readonly string[] DbContextHub =
    [
        "Commerce.Api.Authentication", "Commerce.Api.Idempotency", "Commerce.Api.Outbox", "Commerce.Api.Persistence",
        "Commerce.Api.Persistence.Configurations", "Commerce.Api.Webhooks",
    ];

    [Test]
    public void The_host_has_no_namespace_cycle_outside_the_DbContext_hub()
    {
        var graph = NamespaceGraph.ScanProject(ProjectDirectory("Commerce.Api"), "Commerce.Api");

        Assert.That(graph.Edges.Keys, Has.Member("Commerce.Api.Resources.Orders").And.Member("Commerce.Api.Hosting"), "the scan read the sources");
        Assert.That(graph.Cycles().Where(c => !c.All(DbContextHub.Contains)), Is.Empty, graph.Describe());
    }

    [Test]
    public void The_protocol_layer_has_no_namespace_cycle()
    {
        var graph = NamespaceGraph.ScanProject(ProjectDirectory("Commerce.JsonApi"), "Commerce.JsonApi");

        Assert.That(graph.Edges.Keys, Has.Member("Commerce.JsonApi.Http").And.Member("Commerce.JsonApi.Resources"), "the scan read the sources");
        Assert.That(graph.Cycles(), Is.Empty, graph.Describe());
    }

    [Test]
    public void The_domain_has_no_namespace_cycle()
    {
        var graph = NamespaceGraph.ScanProject(ProjectDirectory("Commerce.Domain"), "Commerce.Domain");

        Assert.That(graph.Edges.Keys, Has.Member("Commerce.Domain.Orders").And.Member("Commerce.Domain.Placement"), "the scan read the sources");
        Assert.That(graph.Cycles(), Is.Empty, graph.Describe());
    }

    [Test]
    public void The_scan_sees_usings_qualified_names_and_the_enclosing_namespace()
    {
        var graph = NamespaceGraph.Scan(
        [
            "namespace App.Shared;\ninternal static class Format { public static string Money(this long cents) => \"\"; }",
            "namespace App.Shared.Orders;\ninternal sealed class Order { string Show(long c) => c.Money(); }",
            "using App.Shared.Orders;\nnamespace App.Billing;\ninternal sealed class Invoice { Order? order; }",
            "namespace App.Hosting;\ninternal sealed class Startup { Billing.Invoice? invoice; App.Shared.Orders.Order? order; }",
            "namespace App.Quiet;\n// Billing.Invoice in a comment\ninternal sealed class Note { string text = \"App.Billing.Invoice\"; object Invoice => 1; }",
        ], "App");

        Assert.Multiple(() =>
        {
            Assert.That(graph.Edges["App.Billing"], Is.EquivalentTo(new[] { "App.Shared.Orders" }), "a using");
            Assert.That(graph.Edges["App.Hosting"], Is.EquivalentTo(new[] { "App.Billing", "App.Shared.Orders" }), "qualified partly and fully");
            Assert.That(graph.Edges["App.Shared.Orders"], Is.EquivalentTo(new[] { "App.Shared" }), "an extension method of the enclosing namespace");
            Assert.That(graph.Edges["App.Quiet"], Is.Empty, "comments, strings and members are no uses");
            Assert.That(graph.Cycles(), Is.Empty);
        });
    }

    [Test]
    public void The_scan_finds_a_cycle()
    {
        var graph = NamespaceGraph.Scan(
        [
            "using App.B;\nnamespace App.A;\ninternal sealed class First { Second? next; }",
            "namespace App.B;\ninternal sealed class Second { App.C.Third? next; }",
            "namespace App.C;\ninternal sealed class Third { A.First? next; }",
            "using App.A;\nnamespace App.D;\ninternal sealed class Outside { First? first; }",
        ], "App");

        Assert.That(graph.Cycles(), Is.EqualTo(new[] { new[] { "App.A", "App.B", "App.C" } }), graph.Describe());
    }

    private static string ProjectDirectory(string project)
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", project);
            if (File.Exists(Path.Combine(directory.FullName, "Commerce.sln")) && Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException($"No src/{project} above {TestContext.CurrentContext.TestDirectory}.");
    }
}
