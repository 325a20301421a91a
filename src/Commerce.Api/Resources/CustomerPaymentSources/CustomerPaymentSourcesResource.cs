using Commerce.Domain.Customers;
using Commerce.Domain.Orders;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources.CustomerPaymentSources;

/// <summary>
/// <c>customer_payment_sources</c>: a customer's wallet. A customer reads and keeps its own (through its token); an integration
/// any customer's; a sales channel none (403). An order pays with a copy of a wallet's source through
/// <c>_customer_payment_source_id</c>. Tokens are never shown: Commerce Layer's <c>customer_token</c> and
/// <c>payment_source_token</c> are not served.
/// </summary>
internal static class CustomerPaymentSourcesResource
{
    public static void Define(ResourceGraphBuilder graph) => graph.Add<CustomerPaymentSource, CustomerPaymentSourceHandler>("customer_payment_sources", s => s.Id, r => r
        .Describe("An entry of a customer's wallet: a payment source kept to pay again, and the payment method it is paid with.")
        .Computed("name", s => s.Name, "The payment method's name, else the kind of source (never a token).")
        .WithTimestamps()
        .ToOne(s => s.Customer, "customers", Can.Create, description: "The wallet's owner: a customer's token may leave it out (itself).")
        .ToOne(s => s.PaymentSource, [PaymentSourceTypes.ExternalPayments, PaymentSourceTypes.WireTransfers], Can.Create,
            description: "A payment source of the customer's own (or of nobody's, which becomes the customer's).")
        .ToOne(s => s.PaymentMethod, "payment_methods", Can.Create | Can.Change, description: "Optional: the method that takes this source (its source type must match)."));
}
