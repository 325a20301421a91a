using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Compatibility;

/// <summary><c>GET /api/organization</c>: a singleton from the Organization configuration section that every token may read.</summary>
public sealed class Reading_the_organization : ApiFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Organization:Name"] = "Acme Shop",
        ["Organization:Slug"] = "acme-shop",
        ["Organization:Domain"] = "shop.acme.example",
        ["Organization:SupportEmail"] = "help@acme.example",
        ["Organization:SupportPhone"] = "+1 555 0100",
        ["Organization:LogoUrl"] = "https://cdn.acme.example/logo.svg",
        ["Organization:FaviconUrl"] = "https://cdn.acme.example/favicon.ico",
        ["Organization:PrimaryColor"] = "#FF6600",
        ["Organization:Config:mfe:default:links:cart"] = "https://shop.acme.example/cart/:order_id",
    };

    [Test]
    public async Task The_organization_is_served_from_configuration_as_a_singleton()
    {
        var organization = await Api.GetAsync("organization");

        Assert.That(organization.Status, Is.EqualTo(HttpStatusCode.OK), organization.ToString());
        Assert.That(organization.Data["type"]!.GetValue<string>(), Is.EqualTo("organizations"));
        Assert.That(organization.Id, Is.EqualTo("acme-shop"));
        Assert.That(organization.Data["links"]!["self"]!.GetValue<string>(), Does.EndWith("/api/organization"));
        var attributes = organization.Attributes;
        Assert.That(attributes.Text("name"), Is.EqualTo("Acme Shop"));
        Assert.That(attributes.Text("slug"), Is.EqualTo("acme-shop"));
        Assert.That(attributes.Text("domain"), Is.EqualTo("shop.acme.example"));
        Assert.That(attributes.Text("support_email"), Is.EqualTo("help@acme.example"));
        Assert.That(attributes.Text("support_phone"), Is.EqualTo("+1 555 0100"));
        Assert.That(attributes.Text("logo_url"), Is.EqualTo("https://cdn.acme.example/logo.svg"));
        Assert.That(attributes.Text("favicon_url"), Is.EqualTo("https://cdn.acme.example/favicon.ico"));
        Assert.That(attributes.Text("primary_color"), Is.EqualTo("#FF6600"));
        Assert.That(attributes["config"]!["mfe"]!["default"]!["links"]!["cart"]!.GetValue<string>(), Is.EqualTo("https://shop.acme.example/cart/:order_id"));
    }

    [Test]
    public async Task A_sales_channel_and_a_customer_may_read_the_organization_too()
    {
        var salesChannel = Factory.CreateApiClient(await Factory.GetTokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = CommerceFactory.SalesChannelId }));
        var email = $"{Guid.NewGuid():N}@example.com";
        var created = await Api.PostAsync("customers", Document("customers", new { email, password = "correct horse battery" }));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        var customer = Factory.CreateApiClient((await Factory.SignInAsync(email, "correct horse battery")).GetProperty("access_token").GetString());

        foreach (var client in new[] { salesChannel, customer })
        {
            var organization = await client.GetAsync("organization");
            Assert.That(organization.Status, Is.EqualTo(HttpStatusCode.OK), organization.ToString());
            Assert.That(organization.Attributes.Text("name"), Is.EqualTo("Acme Shop"));
        }
    }

    [Test]
    public async Task Sparse_fieldsets_apply_to_the_organization()
    {
        var organization = await Api.GetAsync("organization?fields[organizations]=name,primary_color");

        Assert.That(organization.Status, Is.EqualTo(HttpStatusCode.OK), organization.ToString());
        Assert.That(organization.Attributes.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "name", "primary_color" }));
    }

    [Test]
    public async Task The_organization_is_not_written_or_listed_through_the_api()
    {
        var list = await Api.GetAsync("organizations");
        var write = await Api.PatchAsync("organization", Document("organizations", new { name = "Other" }, id: "acme-shop"));

        Assert.That(list.Status, Is.EqualTo(HttpStatusCode.NotFound), list.ToString());
        Assert.That(write.Status, Is.EqualTo(HttpStatusCode.MethodNotAllowed), write.ToString());
        Assert.That((await Api.GetAsync("organization")).Attributes.Text("name"), Is.EqualTo("Acme Shop"));
    }
}
