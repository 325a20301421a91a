using Commerce.Api.Persistence;
using Commerce.Domain.Payments;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.Transactions;

/// <summary>
/// <c>authorizations</c>, <c>voids</c>, <c>captures</c>, <c>refunds</c>: read-only records of every payment
/// operation, one table told apart by kind. Written only by placement and the order's triggers.
/// </summary>
internal static class TransactionsResource
{
    public static readonly (string Type, string Kind)[] Types =
    [
        ("authorizations", TransactionKind.Authorization), ("voids", TransactionKind.Void),
        ("captures", TransactionKind.Capture), ("refunds", TransactionKind.Refund),
    ];

    public static string KindOf(string resourceType) => Types.Single(t => t.Type == resourceType).Kind;

    public static void Define(ResourceGraphBuilder graph)
    {
        foreach (var (type, kind) in Types)
        {
            graph.Add<PaymentTransaction, TransactionHandler>(type, t => t.Id, r => r
                .Describe($"A payment {kind} (read-only).")
                .When(t => t.Kind == kind)
                .Offers(ResourceOperations.ReadOnly)
                .Attribute(t => t.Status, Can.Read | Can.Query, description: "pending, succeeded or failed.")
                .Attribute(t => t.Succeeded, Can.Read | Can.Query)
                .Attribute(t => t.CurrencyCode, Can.Read | Can.Query)
                .Money("amount", t => t.AmountCents, t => t.CurrencyCode, t => t.Order?.LanguageCode)
                .Attribute(t => t.GatewayReference, Can.Read)
                .Attribute(t => t.Message, Can.Read)
                .Attribute(t => t.ErrorCode, Can.Read | Can.Query)
                .WithTimestamps()
                .Loaded("order", RelationshipKind.ToOne, "orders", async (services, t, ct) =>
                    await services.GetRequiredService<CommerceDbContext>().Orders.AsNoTracking()
                        .Where(o => o.Id == ((PaymentTransaction)t).OrderId).ToListAsync(ct)));
        }
    }
}
