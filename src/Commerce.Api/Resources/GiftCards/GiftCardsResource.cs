using Commerce.Domain.GiftCards;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources.GiftCards;

/// <summary><c>gift_cards</c>: a code worth a balance, spent by orders through <c>gift_card_code</c>.</summary>
internal static class GiftCardsResource
{
    public static void Define(ResourceGraphBuilder graph) => graph.Add<GiftCard, GiftCardHandler>("gift_cards", c => c.Id, r => r
        .Describe("A gift card: a code worth a balance in one currency. Created draft; _purchase, _activate, _deactivate; a single-use card ends redeemed.")
        .Attribute(c => c.Code, Can.Read | Can.Create | Can.Filter,
            description: "The card's secret code: generated (24 characters, 120 random bits) when absent; given by an integration only. Matched exactly.")
        .Attribute(c => c.Status, Can.Read | Can.Query, description: "draft, inactive, active or redeemed.")
        .Attribute(c => c.CurrencyCode, Can.Read | Can.Create | Can.Query, description: "ISO 4217; fixed once the card exists.")
        .Attribute(c => c.BalanceCents, Can.Read | Can.Create | Can.Query,
            description: "What is left to spend; set on create, changed afterwards only with _balance_change_cents.")
        .Computed("balance_float", c => Commerce.Domain.Money.MoneyFormatter.ToFloat(c.BalanceCents, c.CurrencyCode))
        .Computed("formatted_balance", c => Commerce.Domain.Money.MoneyFormatter.Format(c.BalanceCents, c.CurrencyCode, null))
        .Attribute(c => c.BalanceMaxCents, Can.Read | Can.Write, description: "A recharge may not take the balance above this.")
        .Computed("balance_max_float", c => c.BalanceMaxCents is { } max ? Commerce.Domain.Money.MoneyFormatter.ToFloat(max, c.CurrencyCode) : (double?)null)
        .Computed("formatted_balance_max", c => c.BalanceMaxCents is { } max ? Commerce.Domain.Money.MoneyFormatter.Format(max, c.CurrencyCode, null) : null)
        .Attribute(c => c.InitialBalanceCents, Can.Read | Can.Query)
        .Computed("initial_balance_float", c => Commerce.Domain.Money.MoneyFormatter.ToFloat(c.InitialBalanceCents, c.CurrencyCode))
        .Computed("formatted_initial_balance", c => Commerce.Domain.Money.MoneyFormatter.Format(c.InitialBalanceCents, c.CurrencyCode, null))
        .Attribute(c => c.SingleUse, Can.Read | Can.Write | Can.Query, description: "Redeemed by the first placed order that uses it.")
        .Attribute(c => c.Rechargeable, Can.Read | Can.Write | Can.Query, description: "Whether _balance_change_cents may add to the balance.")
        .Attribute(c => c.DistributeDiscount, Can.Read | Can.Write,
            description: "true: the card lowers the order's tax base, as a discount; false (default): it pays, as a means of payment, and taxes are unchanged.")
        .Attribute(c => c.ExpiresAt, Can.Read | Can.Write | Can.Query)
        .Attribute(c => c.RecipientEmail, Can.Read | Can.Write | Can.Query)
        .Attribute(c => c.Reference, Can.All)
        .Attribute(c => c.ActivatedAt, Can.Read | Can.Query)
        .Computed("balance_log", c => BalanceLog(c), "Every movement of the balance that counts, oldest first: the card's ledger.")
        .Computed("usage_log", c => UsageLog(c), "Uses by order id: held while the order is being placed, committed once placed, released when given back.")
        .WithTimestamps()
        .Trigger<bool>(GiftCardTriggers.Purchase, "draft → inactive: the card is bought (integration only).")
        .Trigger<bool>(GiftCardTriggers.Activate, "draft or inactive → active: orders may use it (integration only).")
        .Trigger<bool>(GiftCardTriggers.Deactivate, "active → inactive (integration only).")
        .Trigger<long>(GiftCardTriggers.BalanceChange,
            "Adds to (rechargeable cards only) or takes from the balance, never below zero nor above balance_max_cents (integration only)."));

    private static IReadOnlyList<BalanceLogEntry> BalanceLog(GiftCard card) =>
        [.. card.Ledger.Where(e => e.Counts).Select(e => new BalanceLogEntry(e.CreatedAt, e.AmountCents, e.Kind, e.OrderId))];

    private static IReadOnlyDictionary<string, IReadOnlyList<UsageLogEntry>> UsageLog(GiftCard card) =>
        card.Ledger.Where(e => e.OrderId is not null)
            .GroupBy(e => e.OrderId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<UsageLogEntry>)[.. g.Select(e => new UsageLogEntry(e.CreatedAt, e.AmountCents, e.Kind, e.State))],
                StringComparer.Ordinal);
}

/// <summary>One line of <c>balance_log</c>.</summary>
internal sealed record BalanceLogEntry(DateTimeOffset Datetime, long BalanceChangeCents, string Kind, string? OrderId);

/// <summary>One line of <c>usage_log</c> (under its order's id).</summary>
internal sealed record UsageLogEntry(DateTimeOffset Datetime, long BalanceChangeCents, string Kind, string Status);

internal static class GiftCardTriggers
{
    public const string Purchase = "_purchase";
    public const string Activate = "_activate";
    public const string Deactivate = "_deactivate";
    public const string BalanceChange = "_balance_change_cents";

    /// <summary>The triggers that move the card through its life; one per request.</summary>
    public static readonly string[] Lifecycle = [Purchase, Activate, Deactivate];
}
