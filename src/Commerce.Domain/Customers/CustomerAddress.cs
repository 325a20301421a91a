using Commerce.Domain.Catalog;
using Commerce.Domain.Common;
using Commerce.Domain.Orders;

namespace Commerce.Domain.Customers;

/// <summary>
/// An entry of a customer's address book (<c>customer_addresses</c>): the customer and an address of its own. An order takes
/// a copy of it (<c>_billing_address_clone_id</c>, <c>_shipping_address_clone_id</c>), so editing the book never touches an
/// order, and saving an order's address to the book (<c>_save_*_address_to_customer_address_book</c>) adds a copy too.
/// </summary>
public sealed class CustomerAddress : Entity
{
    private CustomerAddress() => CustomerId = AddressId = string.Empty;

    public CustomerAddress(Customer customer, Address address)
    {
        Customer = customer;
        CustomerId = customer.Id;
        Address = address;
        AddressId = address.Id;
    }

    public string CustomerId { get; private set; }
    public Customer? Customer { get; private set; }
    public string AddressId { get; private set; }
    public Address? Address { get; private set; }

    /// <summary>Commerce Layer's <c>name</c>: the address in one line (<c>John Smith, Via Roma 1, 20121 Milano MI (IT) +39 02 1234</c>).</summary>
    public string? Name => Address?.OneLine;

    /// <summary>The customer's email (Commerce Layer's <c>customer_email</c>).</summary>
    public string? CustomerEmail => Customer?.Email;

    /// <summary>Points the entry at another address of the customer's.</summary>
    public void ChangeAddress(Address address)
    {
        Address = address;
        AddressId = address.Id;
    }
}

/// <summary>
/// An entry of a customer's wallet (<c>customer_payment_sources</c>): a payment source kept to pay again, and optionally the
/// payment method it is paid with. An order paying with it (<c>_customer_payment_source_id</c>) gets a <b>copy</b> of the
/// source (a payment source belongs to one order); its token is never shown.
/// </summary>
public sealed class CustomerPaymentSource : Entity
{
    private CustomerPaymentSource() => CustomerId = PaymentSourceId = string.Empty;

    /// <exception cref="DomainException">payment_method: a method that takes another type of source.</exception>
    public CustomerPaymentSource(Customer customer, PaymentSource source, PaymentMethod? method)
    {
        Customer = customer;
        CustomerId = customer.Id;
        PaymentSource = source;
        PaymentSourceId = source.Id;
        SetPaymentMethod(method);
    }

    public string CustomerId { get; private set; }
    public Customer? Customer { get; private set; }
    public string PaymentSourceId { get; private set; }
    public PaymentSource? PaymentSource { get; private set; }
    public string? PaymentMethodId { get; private set; }
    public PaymentMethod? PaymentMethod { get; private set; }

    /// <summary>Commerce Layer's <c>name</c>: the payment method's name, else the kind of source (never its token).</summary>
    public string? Name => PaymentMethod?.Name ?? PaymentSource?.ResourceType switch
    {
        PaymentSourceTypes.ExternalPayments => "External payment",
        PaymentSourceTypes.WireTransfers => "Wire transfer",
        _ => null,
    };

    /// <exception cref="DomainException">payment_method: a method that takes another type of source.</exception>
    public void SetPaymentMethod(PaymentMethod? method)
    {
        if (method is not null && PaymentSource is not null && method.PaymentSourceType != PaymentSource.ResourceType)
            throw new DomainException(FailureCodes.ValidationError,
                $"the payment method takes {method.PaymentSourceType}, not {PaymentSource.ResourceType}", "payment_method", isRelationship: true);
        PaymentMethod = method;
        PaymentMethodId = method?.Id;
    }
}
