using Commerce.Domain.Common;

namespace Commerce.Domain.Catalog;

public sealed class Customer : Entity
{
    private Customer() => Email = Status = string.Empty;

    public Customer(string email)
    {
        Email = email;
        Status = CustomerStatus.Prospect;
    }

    public string Email { get; set; }
    public string? Reference { get; set; }
    /// <summary>
    /// <c>prospect</c> (no order yet), <c>acquired</c> (one), <c>repeat</c> (more). Counted with <see cref="TotalOrdersCount"/>
    /// by placement, in the transaction that completes it (an atomic increment in the store: see <c>IPlacementStore.CompleteAsync</c>).
    /// </summary>
    public string Status { get; private set; }
    public int TotalOrdersCount { get; private set; }
    /// <summary>The password's hash (the host hashes); null: the customer cannot sign in.</summary>
    public string? PasswordHash { get; private set; }

    public void SetPasswordHash(string? passwordHash) => PasswordHash = passwordHash;
}

public static class CustomerStatus
{
    public const string Prospect = "prospect";
    public const string Acquired = "acquired";
    public const string Repeat = "repeat";
}
