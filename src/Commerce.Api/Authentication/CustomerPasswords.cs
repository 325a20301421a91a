using Commerce.Domain.Catalog;
using Microsoft.AspNetCore.Identity;

namespace Commerce.Api.Authentication;

/// <summary>
/// Customers' passwords, hashed with ASP.NET Core Identity's hasher (PBKDF2); plain values are never stored. A sign-in
/// costs one hash verification whether or not the email has an account (or the account a password), so the answer's
/// timing does not tell which emails are customers.
/// </summary>
public sealed class CustomerPasswords(IPasswordHasher<Customer> hasher)
{
    private static readonly Customer Nobody = new(string.Empty);

    /// <summary>A hash of a random secret, made by the same hasher (same algorithm and work factor): what an unknown email is checked against.</summary>
    private readonly string _dummyHash = hasher.HashPassword(Nobody, Secrets.NewSecret());

    public string Hash(Customer customer, string password) => hasher.HashPassword(customer, password);

    /// <summary>Whether <paramref name="password"/> is the customer's; false without a customer or a password, at the same cost.</summary>
    public bool Verify(Customer? customer, string? password)
    {
        var hash = customer?.PasswordHash;
        var result = hasher.VerifyHashedPassword(customer ?? Nobody, hash ?? _dummyHash, password ?? string.Empty);
        return hash is not null && password is not null && result != PasswordVerificationResult.Failed;
    }
}
