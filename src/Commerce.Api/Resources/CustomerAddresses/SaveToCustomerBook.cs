using Commerce.Api.Outbox;
using Commerce.Api.Persistence;
using Commerce.Api.Persistence.Configurations;
using Commerce.Domain.Customers;
using Commerce.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.CustomerAddresses;

/// <summary>
/// After <c>orders.place</c>: what the order asked to keep (<c>_save_billing_address_to_customer_address_book</c>,
/// <c>_save_shipping_address_to_customer_address_book</c>, <c>_save_payment_source_to_customer_wallet</c>) goes to its customer,
/// exactly once (the outbox's marker), as Commerce Layer saves on placement: a cart that is abandoned or declined fills no book.
/// An address is added as a copy (the order's own stays frozen with the order), unless the book has one with the same
/// attributes already; the payment source itself is kept in the wallet (an order paying with it later gets a copy).
/// </summary>
internal sealed class SaveToCustomerBook : IEventHandler
{
    public string Name => "customers.save_to_book";

    public bool Handles(string topic) => topic == OrderEvents.Placed;

    public async Task HandleAsync(OutboxEvent outboxEvent, CommerceDbContext db, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == outboxEvent.ResourceId, cancellationToken);
        if (order?.CustomerId is not { } customerId
            || !(order.SavesBillingAddressToCustomerAddressBook || order.SavesShippingAddressToCustomerAddressBook || order.SavesPaymentSourceToCustomerWallet))
            return;
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
            return;

        var addressIds = new[]
        {
            order.SavesBillingAddressToCustomerAddressBook ? order.BillingAddressId : null,
            order.SavesShippingAddressToCustomerAddressBook ? order.ShippingAddressId : null,
        }.OfType<string>().Distinct().ToList();
        if (addressIds.Count > 0)
        {
            var book = await db.CustomerAddresses.AsNoTracking().Where(a => a.CustomerId == customerId).Select(a => a.Address!).ToListAsync(cancellationToken);
            var kept = book.Select(a => a.ToDetails()).ToList();
            foreach (var address in await db.Addresses.AsNoTracking().Where(a => addressIds.Contains(a.Id)).ToListAsync(cancellationToken))
            {
                if (kept.Contains(address.ToDetails()))
                    continue;
                var copy = address.Copy();
                db.Addresses.Add(copy).Property(Ownership.CustomerId).CurrentValue = customerId;
                db.CustomerAddresses.Add(new CustomerAddress(customer, copy));
                kept.Add(copy.ToDetails());
            }
        }

        if (order.SavesPaymentSourceToCustomerWallet && order.PaymentSourceId is { } sourceId
            && !await db.CustomerPaymentSources.AnyAsync(s => s.CustomerId == customerId && s.PaymentSourceId == sourceId, cancellationToken))
        {
            var source = await db.PaymentSources.FirstOrDefaultAsync(s => s.Id == sourceId, cancellationToken);
            if (source is null)
                return;
            var method = order.PaymentMethodId is { } methodId ? await db.PaymentMethods.FirstOrDefaultAsync(m => m.Id == methodId, cancellationToken) : null;
            db.Entry(source).Property(Ownership.CustomerId).CurrentValue = customerId;
            db.CustomerPaymentSources.Add(new CustomerPaymentSource(customer, source, method?.PaymentSourceType == source.ResourceType ? method : null));
        }
    }
}
