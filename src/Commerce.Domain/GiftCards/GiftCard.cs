using Commerce.Domain.Common;
using Commerce.Domain.Money;

namespace Commerce.Domain.GiftCards;

/// <summary>
/// A gift card (<c>gift_cards</c>): a code worth a balance in one currency, spent by orders (<c>gift_card_code</c>).
/// <para>
/// The balance moves only through this aggregate's intent-named methods, each writing its <see cref="GiftCardLedgerEntry"/>
/// (<see cref="Ledger"/>), or through the placement store's conditional updates, which write theirs in the same transaction:
/// <c>balance_cents</c> always equals the sum of the entries that count. The status machine is in <see cref="GiftCardStatus"/>.
/// </para>
/// <para>The code is a bearer secret: it never appears in a failure's detail, a log or an event.</para>
/// </summary>
public sealed class GiftCard : Entity
{
    /// <summary>At most this much on one card, in minor units (ten million in the currency's major unit for a 2-digit currency).</summary>
    public const long MaxBalanceCents = 1_000_000_000;

    private readonly List<GiftCardLedgerEntry> _ledger = [];

    private GiftCard() => Code = CurrencyCode = Status = string.Empty;

    /// <summary>A new <c>draft</c> card holding <paramref name="balanceCents"/>; <paramref name="code"/> null: one is generated.</summary>
    /// <exception cref="DomainException">currency_code, balance_cents or code invalid.</exception>
    public static GiftCard Create(string currencyCode, long balanceCents, string? code, DateTimeOffset now)
    {
        var failures = new List<DomainFailure>();
        if (!Currencies.IsKnown(currencyCode))
            failures.Add(DomainFailure.AtAttribute("currency_code", "currency_code is not a supported ISO 4217 code."));
        if (balanceCents is <= 0 or > MaxBalanceCents)
            failures.Add(DomainFailure.AtAttribute("balance_cents", $"balance_cents must be between 1 and {MaxBalanceCents}."));
        if (code is not null && !GiftCardCodes.IsWellFormed(code))
            failures.Add(DomainFailure.AtAttribute("code",
                $"code must have {GiftCardCodes.MinLength} to {GiftCardCodes.MaxLength} letters, digits or dashes; leave it out to have one generated."));
        if (failures.Count > 0)
            throw new DomainException(failures);
        var card = new GiftCard
        {
            Code = code ?? GiftCardCodes.New(),
            CurrencyCode = currencyCode.ToUpperInvariant(),
            BalanceCents = balanceCents,
            InitialBalanceCents = balanceCents,
            Status = GiftCardStatus.Draft,
        };
        card._ledger.Add(GiftCardLedgerEntry.Committed(card.Id, GiftCardEntryKind.Issue, balanceCents, null, now));
        return card;
    }

    public string Code { get; private set; }
    public string CurrencyCode { get; private set; }
    /// <summary>What is left to spend.</summary>
    public long BalanceCents { get; private set; }
    /// <summary>A recharge may not take the balance above this; null: no limit but <see cref="MaxBalanceCents"/>.</summary>
    public long? BalanceMaxCents { get; private set; }
    public long InitialBalanceCents { get; private set; }
    /// <summary>Redeemed by the first placed order that uses it, whatever is left.</summary>
    public bool SingleUse { get; private set; }
    /// <summary>Whether <c>_balance_change_cents</c> may add to the balance.</summary>
    public bool Rechargeable { get; private set; }
    /// <summary>Whether the card lowers the tax base as a discount would (false: it pays, as any means of payment).</summary>
    public bool DistributeDiscount { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public string? RecipientEmail { get; private set; }
    public string Status { get; private set; }
    public string? Reference { get; private set; }
    public DateTimeOffset? ActivatedAt { get; private set; }

    /// <summary>Every movement of the balance, oldest first (loaded with the card when read).</summary>
    public IReadOnlyList<GiftCardLedgerEntry> Ledger => [.. _ledger.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id, StringComparer.Ordinal)];

    /// <summary>Redeemable now: active, with a balance, not expired.</summary>
    public bool Usable(DateTimeOffset now) => UnusableBecause(CurrencyCode, now) is null;

    /// <summary>
    /// Why the card cannot pay an order in <paramref name="currencyCode"/> at <paramref name="now"/>, in words fit for the shopper
    /// (never the code); null when it can.
    /// </summary>
    public string? UnusableBecause(string currencyCode, DateTimeOffset now)
    {
        if (Status != GiftCardStatus.Active)
            return Status == GiftCardStatus.Redeemed ? "This gift card has been redeemed." : "This gift card is not active.";
        if (ExpiresAt is { } expires && expires <= now)
            return "This gift card has expired.";
        if (!string.Equals(currencyCode, CurrencyCode, StringComparison.OrdinalIgnoreCase))
            return $"This gift card is in {CurrencyCode}, the order in {currencyCode.ToUpperInvariant()}.";
        if (BalanceCents <= 0)
            return "This gift card has no balance left.";
        return null;
    }

    /// <summary>What the card pays of <paramref name="payableCents"/>: all of it, or the balance when that is less.</summary>
    public long AmountFor(long payableCents) => Math.Max(0, Math.Min(BalanceCents, payableCents));

    // ---- terms ------------------------------------------------------------------------------

    public void SetSingleUse(bool singleUse) => SingleUse = singleUse;
    public void SetRechargeable(bool rechargeable) => Rechargeable = rechargeable;
    public void SetDistributeDiscount(bool distribute) => DistributeDiscount = distribute;
    public void SetReference(string? reference) => Reference = reference;

    /// <summary>Who the card is for (the host checks the address's form).</summary>
    public void SetRecipientEmail(string? email) => RecipientEmail = string.IsNullOrWhiteSpace(email) ? null : email.Trim();

    public void SetExpiresAt(DateTimeOffset? expiresAt) => ExpiresAt = expiresAt;

    /// <exception cref="DomainException">balance_max_cents below the balance, or out of range.</exception>
    public void SetBalanceMax(long? balanceMaxCents)
    {
        if (balanceMaxCents is { } max && (max <= 0 || max > MaxBalanceCents))
            throw new DomainException(FailureCodes.ValidationError, $"balance_max_cents must be between 1 and {MaxBalanceCents}.", "balance_max_cents");
        if (balanceMaxCents is { } limit && limit < BalanceCents)
            throw new DomainException(FailureCodes.ValidationError, "balance_max_cents is below the card's balance.", "balance_max_cents");
        BalanceMaxCents = balanceMaxCents;
    }

    // ---- status machine ---------------------------------------------------------------------

    /// <summary><c>_purchase</c>: draft → inactive (bought, not yet usable).</summary>
    public void Purchase() => Move("_purchase", GiftCardStatus.Inactive, GiftCardStatus.Draft);

    /// <summary><c>_activate</c>: draft or inactive → active.</summary>
    public void Activate(DateTimeOffset now)
    {
        Move("_activate", GiftCardStatus.Active, GiftCardStatus.Draft, GiftCardStatus.Inactive);
        ActivatedAt = now;
    }

    /// <summary><c>_deactivate</c>: active → inactive (no order may use it until activated again).</summary>
    public void Deactivate() => Move("_deactivate", GiftCardStatus.Inactive, GiftCardStatus.Active);

    /// <summary>
    /// <c>_balance_change_cents</c>: adds (a recharge, only when <see cref="Rechargeable"/>) or takes away from the balance, never below
    /// zero nor above <see cref="BalanceMaxCents"/>; not on a redeemed card. Writes a <see cref="GiftCardEntryKind.BalanceChange"/> entry.
    /// </summary>
    public void ChangeBalance(long deltaCents, DateTimeOffset now)
    {
        const string member = "_balance_change_cents";
        if (deltaCents == 0)
            throw new DomainException(FailureCodes.ValidationError, "_balance_change_cents must not be zero.", member);
        if (Status == GiftCardStatus.Redeemed)
            throw new DomainException(FailureCodes.ValidationError, "A redeemed gift card's balance cannot change.", member);
        if (deltaCents > 0 && !Rechargeable && Status != GiftCardStatus.Draft)
            throw new DomainException(FailureCodes.ValidationError, "This gift card is not rechargeable.", member);
        var balance = BalanceCents + deltaCents;
        if (balance < 0)
            throw new DomainException(new DomainFailure(FailureCodes.ValidationError, member, false,
                "The balance cannot go below zero.", new Dictionary<string, object?> { ["balance_cents"] = BalanceCents }));
        if (balance > (BalanceMaxCents ?? MaxBalanceCents))
            throw new DomainException(new DomainFailure(FailureCodes.ValidationError, member, false,
                "The balance cannot go above balance_max_cents.", new Dictionary<string, object?> { ["balance_max_cents"] = BalanceMaxCents ?? MaxBalanceCents }));
        BalanceCents = balance;
        _ledger.Add(GiftCardLedgerEntry.Committed(Id, GiftCardEntryKind.BalanceChange, deltaCents, null, now));
    }

    private void Move(string trigger, string to, params string[] from)
    {
        if (!from.Contains(Status))
            throw new DomainException(FailureCodes.ValidationError, $"{trigger} is not allowed when status is {Status}.", "status");
        Status = to;
    }
}
