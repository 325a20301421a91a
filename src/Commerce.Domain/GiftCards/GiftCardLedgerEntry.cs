using Commerce.Domain.Common;

namespace Commerce.Domain.GiftCards;

/// <summary>What moved a gift card's balance.</summary>
public static class GiftCardEntryKind
{
    /// <summary>The balance the card was created with.</summary>
    public const string Issue = "issue";

    /// <summary>An integration's <c>_balance_change_cents</c> (a recharge, a correction).</summary>
    public const string BalanceChange = "balance_change";

    /// <summary>An order paid with the card (negative); given back (a positive <see cref="Restore"/>) on cancel or refund.</summary>
    public const string Usage = "usage";

    /// <summary>A placed order's use given back by <c>_cancel</c> or <c>_refund</c> (positive).</summary>
    public const string Restore = "restore";
}

/// <summary>Where a use of a card stands.</summary>
public static class GiftCardEntryState
{
    /// <summary>Taken from the balance by a placement that has not completed yet.</summary>
    public const string Held = "held";

    /// <summary>Final: part of the card's history.</summary>
    public const string Committed = "committed";

    /// <summary>A hold given back (the placement was declined, failed or undone): it no longer counts.</summary>
    public const string Released = "released";
}

/// <summary>
/// One movement of a gift card's balance (<c>gift_card_ledger_entries</c>): the card's <c>balance_cents</c> always equals the sum of
/// its entries that are not <see cref="GiftCardEntryState.Released"/>. Every change of a balance writes its entry in the same
/// transaction. <c>balance_log</c> and <c>usage_log</c> are read from them. Uses are keyed by order: at most one
/// <see cref="GiftCardEntryKind.Usage"/> entry per card and order is held or committed at a time.
/// </summary>
public sealed class GiftCardLedgerEntry : Entity
{
    private GiftCardLedgerEntry() => GiftCardId = Kind = State = string.Empty;

    private GiftCardLedgerEntry(string giftCardId, string kind, long amountCents, string state, string? orderId, DateTimeOffset at)
    {
        GiftCardId = giftCardId;
        Kind = kind;
        AmountCents = amountCents;
        State = state;
        OrderId = orderId;
        Touch(at);
    }

    public string GiftCardId { get; private set; }
    /// <summary>One of <see cref="GiftCardEntryKind"/>.</summary>
    public string Kind { get; private set; }
    /// <summary>Signed: what the entry added to the balance (a use is negative).</summary>
    public long AmountCents { get; private set; }
    /// <summary>One of <see cref="GiftCardEntryState"/>.</summary>
    public string State { get; private set; }
    /// <summary>The order of a use or a restore; null otherwise.</summary>
    public string? OrderId { get; private set; }

    /// <summary>Whether the entry counts in the balance.</summary>
    public bool Counts => State != GiftCardEntryState.Released;

    internal static GiftCardLedgerEntry Committed(string giftCardId, string kind, long amountCents, string? orderId, DateTimeOffset at) =>
        new(giftCardId, kind, amountCents, GiftCardEntryState.Committed, orderId, at);

    /// <summary>A use taken by a placement (negative <paramref name="amountCents"/> as the balance sees it), held until it completes.</summary>
    public static GiftCardLedgerEntry Hold(string giftCardId, string orderId, long amountCents, DateTimeOffset at)
    {
        if (amountCents <= 0)
            throw new ArgumentOutOfRangeException(nameof(amountCents), "A use takes a positive amount.");
        return new(giftCardId, GiftCardEntryKind.Usage, -amountCents, GiftCardEntryState.Held, orderId, at);
    }

    /// <summary>A placed order's use given back (positive), committed at once.</summary>
    public static GiftCardLedgerEntry Restore(string giftCardId, string orderId, long amountCents, DateTimeOffset at)
    {
        if (amountCents <= 0)
            throw new ArgumentOutOfRangeException(nameof(amountCents), "A restore gives back a positive amount.");
        return new(giftCardId, GiftCardEntryKind.Restore, amountCents, GiftCardEntryState.Committed, orderId, at);
    }
}
