using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.UnitTests.JsonApi;

/// <summary><see cref="ResourceGraphBuilderExtensions.Add{T, THandler}"/>: a resource type is declared once, with its handler, which <c>AddJsonApi</c> registers under the type's name.</summary>
public sealed class ResourceGraphBuilderExtensionsTests
{
    [Test]
    public void The_handler_declared_with_a_resource_type_is_registered_under_its_name()
    {
        var services = new ServiceCollection();
        services.AddJsonApi(graph => graph.Add<Person, PersonHandler>("people", p => p.Id, r => r.Attribute(p => p.FirstName, Commerce.JsonApi.Resources.Can.All)));
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        Assert.Multiple(() =>
        {
            Assert.That(scope.ServiceProvider.GetKeyedService<IResourceHandler<Person>>("people"), Is.InstanceOf<PersonHandler>());
            Assert.That(services.Single(d => d.ServiceType == typeof(IResourceHandler<Person>)).Lifetime, Is.EqualTo(ServiceLifetime.Scoped));
        });
    }

    [Test]
    public void Resource_types_sharing_a_CLR_type_share_a_handler_that_knows_its_type_by_its_key()
    {
        var services = new ServiceCollection();
        services.AddJsonApi(graph =>
        {
            foreach (var type in new[] { "authors", "editors" })
                graph.Add<Person, KeyedPersonHandler>(type, p => p.Id, r => r.When(p => p.Twitter == type));
        });
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        Assert.Multiple(() =>
        {
            Assert.That(((KeyedPersonHandler)scope.ServiceProvider.GetRequiredKeyedService<IResourceHandler<Person>>("authors")).ResourceType, Is.EqualTo("authors"));
            Assert.That(((KeyedPersonHandler)scope.ServiceProvider.GetRequiredKeyedService<IResourceHandler<Person>>("editors")).ResourceType, Is.EqualTo("editors"));
        });
    }

    [Test]
    public void A_resource_type_without_a_handler_is_refused_at_start_up()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddJsonApi(graph =>
            graph.Add<Person>("people", p => p.Id, r => r.Attribute(p => p.FirstName, Commerce.JsonApi.Resources.Can.All))));

        Assert.That(error!.Message, Does.Contain("'people' has no handler"));
    }

    private class PersonHandler : IResourceHandler<Person>
    {
        public IQueryable<Person> Query() => Array.Empty<Person>().AsQueryable();
        public Task<Person> CreateAsync(ResourceInput input, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task UpdateAsync(Person resource, ResourceInput input, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task DeleteAsync(Person resource, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class KeyedPersonHandler([ServiceKey] string resourceType) : PersonHandler
    {
        public string ResourceType => resourceType;
    }
}
