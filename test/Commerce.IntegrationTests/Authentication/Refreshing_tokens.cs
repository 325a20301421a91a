using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Authentication;

/// <summary>Refresh tokens rotate on use; a reused one revokes its family; a password change, removal or deletion revokes a customer's tokens.</summary>
public sealed class Refreshing_tokens : ApiFixture
{
    private const string Password = "long enough";

    private async Task<(string Id, string Email)> CustomerAsync()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var created = await Api.PostAsync("customers", Document("customers", new { email, password = Password }));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        return (created.Id, email);
    }

    private async Task<string> SignInAsync(string email) => (await Factory.SignInAsync(email, Password)).GetProperty("refresh_token").GetString()!;

    private async Task<string> RefreshedAsync(string refreshToken)
    {
        var (status, body) = await Factory.RefreshAsync(refreshToken);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body.GetProperty("refresh_token").GetString()!;
    }

    private async Task<string?> RefreshErrorAsync(string refreshToken)
    {
        var (status, body) = await Factory.RefreshAsync(refreshToken);
        return status == HttpStatusCode.OK ? null : body.GetProperty("error").GetString();
    }

    [Test]
    public async Task A_refresh_token_is_exchanged_for_a_new_one_each_time()
    {
        var (_, email) = await CustomerAsync();
        var first = await SignInAsync(email);

        var second = await RefreshedAsync(first);
        var third = await RefreshedAsync(second);

        Assert.That(new[] { first, second, third }, Is.Unique);
    }

    [Test]
    public async Task A_refresh_token_redeemed_twice_is_refused_and_revokes_the_token_it_was_exchanged_for()
    {
        var (_, email) = await CustomerAsync();
        var stolen = await SignInAsync(email);
        var rotated = await RefreshedAsync(stolen);

        var replay = await RefreshErrorAsync(stolen);
        var afterReplay = await RefreshErrorAsync(rotated);

        Assert.That(replay, Is.EqualTo("invalid_grant"), "the second redemption");
        Assert.That(afterReplay, Is.EqualTo("invalid_grant"), "reuse revokes the whole family, the latest token too");
        Assert.That(await RefreshErrorAsync(await SignInAsync(email)), Is.Null, "signing in again starts a new family");
    }

    [Test]
    public async Task A_password_change_by_the_customer_revokes_every_refresh_token_of_the_customer()
    {
        var (id, email) = await CustomerAsync();
        var first = await Factory.SignInAsync(email, Password);
        var otherDevice = await SignInAsync(email);
        var customer = Factory.CreateApiClient(first.GetProperty("access_token").GetString());

        var changed = await customer.PatchAsync($"customers/{id}", Document("customers", new { password = "a new password", current_password = Password }, id: id));

        Assert.That(changed.Status, Is.EqualTo(HttpStatusCode.OK), changed.ToString());
        Assert.That(await RefreshErrorAsync(first.GetProperty("refresh_token").GetString()!), Is.EqualTo("invalid_grant"));
        Assert.That(await RefreshErrorAsync(otherDevice), Is.EqualTo("invalid_grant"));
        Assert.That((await Factory.SignInAsync(email, "a new password")).GetProperty("refresh_token").GetString(), Is.Not.Null, "the new password signs in");
    }

    [Test]
    public async Task A_password_reset_or_removal_by_an_integration_revokes_the_customers_refresh_tokens()
    {
        var (id, email) = await CustomerAsync();
        var beforeReset = await SignInAsync(email);
        Assert.That((await Api.PatchAsync($"customers/{id}", Document("customers", new { password = Password }, id: id))).Status, Is.EqualTo(HttpStatusCode.OK));
        var beforeRemoval = await SignInAsync(email);
        Assert.That((await Api.PatchAsync($"customers/{id}", Document("customers", new Dictionary<string, object?> { ["password"] = null }, id: id))).Status,
            Is.EqualTo(HttpStatusCode.OK));

        Assert.That(await RefreshErrorAsync(beforeReset), Is.EqualTo("invalid_grant"), "reset, even to the same password");
        Assert.That(await RefreshErrorAsync(beforeRemoval), Is.EqualTo("invalid_grant"), "removed");
    }

    [Test]
    public async Task Deleting_the_customer_revokes_its_refresh_tokens()
    {
        var (id, email) = await CustomerAsync();
        var refreshToken = await SignInAsync(email);

        var deleted = await Api.DeleteAsync($"customers/{id}");

        Assert.That(deleted.Status, Is.EqualTo(HttpStatusCode.NoContent), deleted.ToString());
        Assert.That(await RefreshErrorAsync(refreshToken), Is.EqualTo("invalid_grant"));
    }

    [Test]
    public async Task Changing_other_attributes_keeps_the_refresh_tokens()
    {
        var (id, email) = await CustomerAsync();
        var refreshToken = await SignInAsync(email);

        Assert.That((await Api.PatchAsync($"customers/{id}", Document("customers", new { reference = "kept" }, id: id))).Status, Is.EqualTo(HttpStatusCode.OK));

        Assert.That(await RefreshErrorAsync(refreshToken), Is.Null);
    }
}
