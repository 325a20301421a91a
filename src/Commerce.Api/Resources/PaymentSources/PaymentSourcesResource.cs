using Commerce.Api.Persistence;
using Commerce.Domain.Orders;
using Commerce.Domain.Payments;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.PaymentSources;

/// <summary>
/// <c>external_payments</c> (a gateway token: never a card number, never returned) and <c>wire_transfers</c>.
/// Created with an <c>order</c> relationship, a source becomes that order's payment source.
/// </summary>
internal static class PaymentSourcesResource
{
    public static void Define(ResourceGraphBuilder graph)
    {
        graph.Add<ExternalPayment, ExternalPaymentHandler>(PaymentSourceTypes.ExternalPayments, p => p.Id, r => r
            .Describe("A payment through a gateway, by token. The token is write-only; card numbers are refused.")
            .WriteOnly<string>("payment_source_token", Can.Create | Can.Change, "A gateway token such as tok_visa (write-only).")
            .Computed("payment_source_details", p => p.Details)
            .WithTimestamps()
            .Loaded("order", RelationshipKind.ToOne, "orders", OrderOfAsync, "The order paid with this source; set on create.", Can.Create));
        graph.Add<WireTransfer, WireTransferHandler>(PaymentSourceTypes.WireTransfers, p => p.Id, r => r
            .Describe("A payment by bank transfer: authorized at once when the order is placed.")
            .Computed("payment_source_details", p => p.Details)
            .WithTimestamps()
            .Loaded("order", RelationshipKind.ToOne, "orders", OrderOfAsync, "The order paid with this source; set on create.", Can.Create));
    }

    private static async Task<IReadOnlyList<object>> OrderOfAsync(IServiceProvider services, object source, CancellationToken ct) =>
        await services.GetRequiredService<CommerceDbContext>().Orders.AsNoTracking()
            .Where(o => o.PaymentSourceId == ((PaymentSource)source).Id)
            .Take(1)
            .ToListAsync(ct);
}
