using Commerce.Domain.Catalog;
using Commerce.Domain.Common;

namespace Commerce.Domain.Orders;

/// <summary>
/// What Commerce Layer's storefront clients send and read besides the order's core: the links a checkout shows
/// (<c>cart_url</c>, <c>return_url</c>, <c>terms_url</c>, <c>privacy_url</c>), an expiry, <c>autorefresh</c>, archiving,
/// <c>_pending</c> and <c>_fulfill</c>. None of it changes the money.
/// </summary>
public sealed partial class Order
{
    /// <summary>At most this many characters in a URL attribute.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>Where the storefront's cart is (a checkout links back to it).</summary>
    public string? CartUrl { get; private set; }
    /// <summary>Where the customer goes after placing (a checkout's "back to shop").</summary>
    public string? ReturnUrl { get; private set; }
    public string? TermsUrl { get; private set; }
    public string? PrivacyUrl { get; private set; }

    /// <summary>A draft or pending order past this time cannot be placed (<see cref="EnsureNotExpired"/>); null: never expires.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>
    /// Accepted and stored, as Commerce Layer's flag. Here every change recomputes the totals whatever its value (Commerce
    /// Layer's <c>true</c>); prices are taken again from the catalog only with <c>_refresh</c>.
    /// </summary>
    public bool Autorefresh { get; private set; } = true;

    /// <summary>Set by <see cref="Archive"/>: the order is kept, and lists may leave it out (<c>filter[q][archived_at_null]=true</c>).</summary>
    public DateTimeOffset? ArchivedAt { get; private set; }

    /// <summary><c>_pending</c> was sent: the order stays pending even without line items (<see cref="Recalculate"/>).</summary>
    public bool MarkedPending { get; private set; }

    public void SetCartUrl(string? url) => CartUrl = CheckedUrl(url, "cart_url");
    public void SetReturnUrl(string? url) => ReturnUrl = CheckedUrl(url, "return_url");
    public void SetTermsUrl(string? url) => TermsUrl = CheckedUrl(url, "terms_url");
    public void SetPrivacyUrl(string? url) => PrivacyUrl = CheckedUrl(url, "privacy_url");

    private static string? CheckedUrl(string? url, string member)
    {
        if (string.IsNullOrWhiteSpace(url))
            return null;
        if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new DomainException(FailureCodes.ValidationError, $"{member} must be an absolute http or https URL of at most {MaxUrlLength} characters", member);
        return url;
    }

    /// <summary>Sets or clears the expiry of a draft or pending order; a new expiry lies in the future.</summary>
    public void SetExpiresAt(DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        EnsureEditable();
        if (expiresAt is { } at && at <= now)
            throw new DomainException(FailureCodes.ValidationError, "expires_at must lie in the future", "expires_at");
        ExpiresAt = expiresAt;
    }

    /// <summary>Throws (<c>VALIDATION_ERROR</c> at <c>expires_at</c>) when a draft or pending order has expired: it cannot be placed.</summary>
    public void EnsureNotExpired(DateTimeOffset now)
    {
        if (Editable && ExpiresAt is { } at && at <= now)
            throw new DomainException(FailureCodes.ValidationError, "the order expired: it cannot be placed. Clear or move expires_at, or start a new order.", "expires_at");
    }

    public void SetAutorefresh(bool autorefresh) => Autorefresh = autorefresh;

    /// <summary><c>_archive</c>, in any status; archiving an archived order keeps its first time.</summary>
    public void Archive(DateTimeOffset now) => ArchivedAt ??= now;

    /// <summary><c>_unarchive</c>.</summary>
    public void Unarchive() => ArchivedAt = null;

    /// <summary><c>_pending</c>: a draft order becomes pending (and stays so without line items); a pending one is left as it is.</summary>
    public void MarkPending()
    {
        EnsureEditable();
        MarkedPending = true;
        Status = OrderStatus.Pending;
    }

    /// <summary>
    /// <c>_fulfill</c>: an approved order that needs fulfilling becomes <c>fulfilled</c>. Its shipments are not changed (they
    /// have no shipped state here).
    /// </summary>
    public void Fulfill()
    {
        EnsureStatus(nameof(Fulfill), OrderStatus.Approved);
        if (FulfillmentStatus is not (Orders.FulfillmentStatus.Unfulfilled or Orders.FulfillmentStatus.InProgress))
            throw new DomainException(FailureCodes.ValidationError, $"cannot fulfill: fulfillment_status is {FulfillmentStatus}", "fulfillment_status");
        FulfillmentStatus = Orders.FulfillmentStatus.Fulfilled;
    }

    /// <summary>The order's customer has just signed up (it has a password now): the order is no longer a guest order.</summary>
    public void CustomerSignedUp(Customer customer)
    {
        if (customer.Id != CustomerId || customer.PasswordHash is null)
            throw new InvalidOperationException("Only the order's own customer, with a password, signs up through it.");
        Guest = false;
    }
}
