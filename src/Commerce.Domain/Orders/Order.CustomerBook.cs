using Commerce.Domain.Catalog;
using Commerce.Domain.Common;

namespace Commerce.Domain.Orders;

/// <summary>
/// What an order takes from its customer's address book and wallet, and what it gives back to them, as Commerce Layer's
/// order triggers do: <c>_billing_address_clone_id</c> / <c>_shipping_address_clone_id</c> (the order gets a copy of a book
/// address), <c>_customer_payment_source_id</c> (a copy of a wallet's source), and the three <c>_save_*</c> requests, which
/// are kept on the order and carried out once it is placed (the host saves then: an abandoned or declined cart fills no book).
/// </summary>
public sealed partial class Order
{
    /// <summary><c>_save_billing_address_to_customer_address_book</c> was sent: placing adds a copy of the billing address to the book.</summary>
    public bool SavesBillingAddressToCustomerAddressBook { get; private set; }
    /// <summary><c>_save_shipping_address_to_customer_address_book</c> was sent.</summary>
    public bool SavesShippingAddressToCustomerAddressBook { get; private set; }
    /// <summary><c>_save_payment_source_to_customer_wallet</c> was sent: placing keeps the payment source in the customer's wallet.</summary>
    public bool SavesPaymentSourceToCustomerWallet { get; private set; }

    /// <summary><c>_billing_address_clone_id</c>: the billing address becomes a copy (new id) of <paramref name="source"/>.</summary>
    public void CloneBillingAddress(Address source)
    {
        EnsureEditable();
        SetBillingAddress(source.Copy());
    }

    /// <summary><c>_shipping_address_clone_id</c>: the shipping address becomes a copy (new id) of <paramref name="source"/>.</summary>
    public void CloneShippingAddress(Address source)
    {
        EnsureEditable();
        SetShippingAddress(source.Copy());
    }

    /// <summary>
    /// <c>_customer_payment_source_id</c>: the order pays with a copy of a wallet's source (a source belongs to one order). The
    /// wallet entry's payment method is chosen too when the order has none; a method of another source type is refused.
    /// </summary>
    /// <exception cref="DomainException">at <c>_customer_payment_source_id</c>: the order's payment method takes another type of source.</exception>
    public void PayWithCopyOf(PaymentSource source, PaymentMethod? method, string member)
    {
        EnsureEditable();
        if (PaymentMethod is null && method is not null)
            SetPaymentMethod(method);
        if (PaymentMethod is not null && PaymentMethod.PaymentSourceType != source.ResourceType)
            throw new DomainException(FailureCodes.ValidationError,
                $"the order's payment method takes {PaymentMethod.PaymentSourceType}, and this wallet source is {source.ResourceType}: choose a matching payment method first", member);
        SetPaymentSource(source.Copy());
    }

    /// <summary>
    /// The three <c>_save_*</c> requests (null: not sent; false withdraws one). Only an order with a customer saves anything.
    /// </summary>
    /// <exception cref="DomainException">at the request's member: the order has no customer.</exception>
    public void RequestSavingToCustomer(bool? billingAddress, bool? shippingAddress, bool? paymentSource,
        string billingMember, string shippingMember, string paymentSourceMember)
    {
        EnsureEditable();
        var failures = new List<DomainFailure>();
        foreach (var (asked, member) in new[] { (billingAddress, billingMember), (shippingAddress, shippingMember), (paymentSource, paymentSourceMember) })
        {
            if (asked == true && CustomerId is null)
                failures.Add(DomainFailure.AtAttribute(member, "the order has no customer to save to: send customer_email first (or sign in)"));
        }
        if (failures.Count > 0)
            throw new DomainException(failures);
        SavesBillingAddressToCustomerAddressBook = billingAddress ?? SavesBillingAddressToCustomerAddressBook;
        SavesShippingAddressToCustomerAddressBook = shippingAddress ?? SavesShippingAddressToCustomerAddressBook;
        SavesPaymentSourceToCustomerWallet = paymentSource ?? SavesPaymentSourceToCustomerWallet;
    }
}
