using Commerce.Api.Persistence;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.JsonApi.Resources;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Persistence;

/// <summary>Every stored text a client may write has a length limit, so that no attribute takes what is left of the 1 MiB body.</summary>
public sealed class Text_limits : ApiFixture
{
    [Test]
    public void Every_writable_text_attribute_is_stored_in_a_column_with_a_maximum_length()
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var graph = scope.ServiceProvider.GetRequiredService<ResourceGraph>();

        var unbounded = new List<string>();
        foreach (var resource in graph.Resources)
        {
            if (db.Model.FindEntityType(resource.ClrType) is not { } entity)
                continue;
            foreach (var attribute in resource.Attributes.Where(a => a.Allows(Can.Create) || a.Allows(Can.Change)))
            {
                if (attribute.Expression?.Body is not System.Linq.Expressions.MemberExpression member
                    || entity.FindProperty(member.Member.Name) is not { } property
                    || (property.GetProviderClrType() ?? property.ClrType) != typeof(string))
                    continue;
                if (property.GetMaxLength() is null)
                    unbounded.Add($"{resource.PublicName}.{attribute.Name}");
            }
        }

        Assert.That(unbounded, Is.Empty);
    }
}
