using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Authentication;

/// <summary>A customer's password changes only with the current one; an integration may reset it.</summary>
public sealed class Changing_passwords : ApiFixture
{
    private const string CurrentPasswordPointer = "/data/attributes/current_password";

    private async Task<(JsonApiClient Customer, string Id, string Email)> CustomerAsync(string password)
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var created = await Api.PostAsync("customers", Document("customers", new { email, password }));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        return (Factory.CreateApiClient(await Factory.GetCustomerTokenAsync(email, password)), created.Id, email);
    }

    private async Task<string?> SignInErrorAsync(string email, string password)
    {
        var (_, body) = await Factory.PostTokenAsync(new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = CommerceFactory.SalesChannelId, ["username"] = email, ["password"] = password,
        }));
        return body.TryGetProperty("error", out var error) ? error.GetString() : null;
    }

    [Test]
    public async Task A_customer_changing_its_own_password_must_give_the_current_one()
    {
        var (customer, id, email) = await CustomerAsync("old password");

        var missing = await customer.PatchAsync($"customers/{id}", Document("customers", new { password = "new password" }, id: id));
        var wrong = await customer.PatchAsync($"customers/{id}", Document("customers", new { password = "new password", current_password = "not the password" }, id: id));
        var removing = await customer.PatchAsync($"customers/{id}", Document("customers", new Dictionary<string, object?> { ["password"] = null }, id: id));

        Assert.Multiple(() =>
        {
            foreach (var (what, response) in new[] { ("missing", missing), ("wrong", wrong), ("removing without it", removing) })
            {
                Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), $"{what}: {response}");
                Assert.That(response.ErrorPointers, Is.EqualTo(new[] { CurrentPasswordPointer }), what);
            }
        });
        Assert.That(await SignInErrorAsync(email, "old password"), Is.Null, "a refused change changes nothing");

        var right = await customer.PatchAsync($"customers/{id}", Document("customers", new { password = "new password", current_password = "old password" }, id: id));

        Assert.That(right.Status, Is.EqualTo(HttpStatusCode.OK), right.ToString());
        Assert.That(right.Attributes.AsObject().ContainsKey("current_password"), Is.False, "never returned");
        Assert.That(await SignInErrorAsync(email, "new password"), Is.Null);
        Assert.That(await SignInErrorAsync(email, "old password"), Is.EqualTo("invalid_grant"));
    }

    [Test]
    public async Task A_customer_changes_other_attributes_without_the_current_password()
    {
        var (customer, id, _) = await CustomerAsync("old password");

        var response = await customer.PatchAsync($"customers/{id}", Document("customers", new { reference = "ref-1" }, id: id));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
    }

    [Test]
    public async Task An_integration_resets_a_password_without_the_current_one()
    {
        var (_, id, email) = await CustomerAsync("old password");

        var response = await Api.PatchAsync($"customers/{id}", Document("customers", new { password = "reset password" }, id: id));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(await SignInErrorAsync(email, "reset password"), Is.Null);
        Assert.That(await SignInErrorAsync(email, "old password"), Is.EqualTo("invalid_grant"));
    }
}
