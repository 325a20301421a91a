using System.Net;
using Commerce.Domain.Catalog;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Authentication;

/// <summary>
/// The password grant costs the same whether the email is known or not: every attempt verifies one password hash
/// (a dummy one of the same algorithm and work factor when there is no customer or no password), so the answer's
/// timing does not tell which emails have an account. Observed through the hasher, not with a clock.
/// </summary>
public sealed class Signing_in : ApiFixture
{
    private readonly CountingHasher _hasher = new();

    protected override Action<IWebHostBuilder>? Configure => builder => builder.ConfigureTestServices(services =>
        services.AddSingleton<IPasswordHasher<Customer>>(_hasher));

    private async Task<(HttpStatusCode Status, string? Error, int Verifications)> SignInAsync(string email, string password)
    {
        var before = _hasher.Verifications;
        var (status, body) = await Factory.PostTokenAsync(new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = CommerceFactory.SalesChannelId, ["username"] = email, ["password"] = password,
        }));
        return (status, body.TryGetProperty("error", out var error) ? error.GetString() : null, _hasher.Verifications - before);
    }

    [Test]
    public async Task Every_password_grant_verifies_exactly_one_hash_whether_the_account_exists_or_not()
    {
        var withPassword = $"{Guid.NewGuid():N}@example.com";
        var withoutPassword = $"{Guid.NewGuid():N}@example.com";
        Assert.That((await Api.PostAsync("customers", Document("customers", new { email = withPassword, password = "long enough" }))).Status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await Api.PostAsync("customers", Document("customers", new { email = withoutPassword }))).Status, Is.EqualTo(HttpStatusCode.Created));

        var right = await SignInAsync(withPassword, "long enough");
        var wrong = await SignInAsync(withPassword, "wrong password");
        var unknown = await SignInAsync($"{Guid.NewGuid():N}@example.com", "long enough");
        var noPassword = await SignInAsync(withoutPassword, "long enough");

        Assert.Multiple(() =>
        {
            Assert.That(right, Is.EqualTo((HttpStatusCode.OK, (string?)null, 1)), "known email, right password");
            Assert.That(wrong, Is.EqualTo((HttpStatusCode.BadRequest, "invalid_grant", 1)), "known email, wrong password");
            Assert.That(unknown, Is.EqualTo((HttpStatusCode.BadRequest, "invalid_grant", 1)), "unknown email: verified against a dummy hash");
            Assert.That(noPassword, Is.EqualTo((HttpStatusCode.BadRequest, "invalid_grant", 1)), "a customer without a password: verified against a dummy hash");
        });
    }

    /// <summary>The service's hasher, counting verifications.</summary>
    private sealed class CountingHasher : IPasswordHasher<Customer>
    {
        private readonly PasswordHasher<Customer> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(Customer user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(Customer user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
