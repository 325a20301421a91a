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
    /// <summary><c>prospect</c> (no order yet), <c>acquired</c> (one), <c>repeat</c> (more).</summary>
    public string Status { get; private set; }
    public int TotalOrdersCount { get; private set; }
    /// <summary>The password's hash (the host hashes); null: the customer cannot sign in.</summary>
    public string? PasswordHash { get; private set; }

    public void SetPasswordHash(string? passwordHash) => PasswordHash = passwordHash;

    public void CountPlacedOrder()
    {
        TotalOrdersCount++;
        Status = TotalOrdersCount == 1 ? CustomerStatus.Acquired : CustomerStatus.Repeat;
    }
}

public static class CustomerStatus
{
    public const string Prospect = "prospect";
    public const string Acquired = "acquired";
    public const string Repeat = "repeat";
}
