using System.Net;
using Commerce.IntegrationTests.Infrastructure;
using static Commerce.TestBuildingBlocks.JsonApiClient;

namespace Commerce.IntegrationTests.Promotions;

/// <summary>The read-only polymorphic <c>promotions</c> index: every promotion, each with its own type; integrations only.</summary>
[TestFixture("Sqlite")]
public sealed class Listing_every_promotion(string provider) : ProviderFixture(provider)
{
    [Test]
    public async Task The_promotions_index_lists_every_type_each_with_its_own_type_and_filters_on_common_attributes()
    {
        var name = Unique("Index");
        var percentage = await CreateAsync("percentage_discount_promotions", name, new { percentage = 10 });
        var fixedAmount = await CreateAsync("fixed_amount_promotions", name, new { fixed_amount_cents = 300 });
        var freeShipping = await CreateAsync("free_shipping_promotions", name, new { });

        var listed = await Api.GetAsync($"promotions?filter[q][name_eq]={name}&sort=created_at");
        var one = await Api.GetAsync($"promotions/{fixedAmount}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(listed.Status, Is.EqualTo(HttpStatusCode.OK), listed.ToString());
            Assert.That(listed.Data.AsArray().Select(p => (p!["type"]!.GetValue<string>(), p["id"]!.GetValue<string>())), Is.EqualTo(new[]
            {
                ("percentage_discount_promotions", percentage), ("fixed_amount_promotions", fixedAmount), ("free_shipping_promotions", freeShipping),
            }));
            Assert.That(listed.Data.AsArray()[0]!["attributes"]!["percentage"]!.GetValue<int>(), Is.EqualTo(10), "each with its own attributes");
            Assert.That(one.Status, Is.EqualTo(HttpStatusCode.OK), one.ToString());
            Assert.That(one.Data["type"]!.GetValue<string>(), Is.EqualTo("fixed_amount_promotions"));
            Assert.That(one.Attributes["fixed_amount_cents"]!.GetValue<long>(), Is.EqualTo(300));
        }
    }

    [Test]
    public async Task The_promotions_index_is_read_only_and_for_integrations_only()
    {
        var id = await CreateAsync("free_shipping_promotions", Unique("Index"), new { });
        var salesChannel = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());

        var created = await Api.PostAsync("promotions", Document("promotions", new { name = "x" }));
        var changed = await Api.PatchAsync($"promotions/{id}", Document("promotions", new { name = "x" }, id: id));
        var bySalesChannel = await salesChannel.GetAsync("promotions");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.MethodNotAllowed), created.ToString());
            Assert.That(changed.Status, Is.EqualTo(HttpStatusCode.MethodNotAllowed), changed.ToString());
            Assert.That(bySalesChannel.Status, Is.EqualTo(HttpStatusCode.Forbidden), bySalesChannel.ToString());
        }
    }

    private async Task<string> CreateAsync(string type, string name, object more)
    {
        var now = DateTimeOffset.UtcNow;
        var attributes = new Dictionary<string, object?>
        {
            ["name"] = name, ["currency_code"] = "EUR", ["starts_at"] = now.AddDays(-1), ["expires_at"] = now.AddDays(30),
        };
        foreach (var property in more.GetType().GetProperties())
            attributes[property.Name] = property.GetValue(more);
        var created = await Api.PostAsync(type, Document(type, attributes));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        return created.Id;
    }
}
