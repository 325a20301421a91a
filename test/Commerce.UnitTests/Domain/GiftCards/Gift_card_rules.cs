using Commerce.Domain.Common;
using Commerce.Domain.GiftCards;

namespace Commerce.UnitTests.Domain.GiftCards;

public sealed class Gift_card_rules
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static GiftCard ActiveCard(long balance = 5000, string currency = "EUR")
    {
        var card = GiftCard.Create(currency, balance, null, Now);
        card.Activate(Now);
        return card;
    }

    [Test]
    public void A_new_card_is_draft_and_its_issue_is_its_whole_ledger()
    {
        var card = GiftCard.Create("eur", 5000, null, Now);

        Assert.That(card.Status, Is.EqualTo(GiftCardStatus.Draft));
        Assert.That(card.CurrencyCode, Is.EqualTo("EUR"));
        Assert.That(card.Ledger.Select(e => (e.Kind, e.AmountCents, e.State)),
            Is.EqualTo(new[] { (GiftCardEntryKind.Issue, 5000L, GiftCardEntryState.Committed) }));
    }

    [Test]
    public void Generated_codes_are_24_characters_without_look_alikes_and_differ()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => GiftCardCodes.New()).ToList();

        Assert.That(codes.Distinct().Count(), Is.EqualTo(codes.Count));
        Assert.That(codes.Select(c => c.Replace("-", "", StringComparison.Ordinal).Length), Is.All.EqualTo(24));
        Assert.That(string.Concat(codes), Does.Not.Contain("0").And.Not.Contain("O").And.Not.Contain("1").And.Not.Contain("I"));
        Assert.That(codes.All(GiftCardCodes.IsWellFormed), Is.True);
    }

    [Test]
    public void Creating_with_a_bad_currency_amount_and_code_lists_every_failure()
    {
        var failure = Assert.Throws<DomainException>(() => GiftCard.Create("XXX", 0, "abc", Now))!;

        Assert.That(failure.Failures.Select(f => f.Member), Is.EquivalentTo(new[] { "currency_code", "balance_cents", "code" }));
    }

    [Test]
    public void Only_an_active_unexpired_card_in_the_orders_currency_with_a_balance_can_pay()
    {
        var draft = GiftCard.Create("EUR", 5000, null, Now);
        var active = ActiveCard();
        var expired = ActiveCard();
        expired.SetExpiresAt(Now.AddMinutes(-1));
        var empty = ActiveCard(100);
        empty.ChangeBalance(-100, Now);

        Assert.Multiple(() =>
        {
            Assert.That(draft.UnusableBecause("EUR", Now), Does.Contain("not active"));
            Assert.That(active.UnusableBecause("EUR", Now), Is.Null);
            Assert.That(active.UnusableBecause("USD", Now), Does.Contain("EUR"));
            Assert.That(expired.UnusableBecause("EUR", Now), Does.Contain("expired"));
            Assert.That(empty.UnusableBecause("EUR", Now), Does.Contain("no balance"));
        });
    }

    [Test]
    public void A_card_pays_the_whole_amount_or_its_balance_when_that_is_less()
    {
        var card = ActiveCard(5000);

        Assert.That(card.AmountFor(3000), Is.EqualTo(3000));
        Assert.That(card.AmountFor(8000), Is.EqualTo(5000));
        Assert.That(card.AmountFor(0), Is.EqualTo(0));
    }

    [Test]
    public void A_balance_change_never_goes_below_zero_nor_above_the_maximum_and_changes_nothing_when_refused()
    {
        var card = ActiveCard(2000);
        card.SetRechargeable(true);
        card.SetBalanceMax(3000);

        Assert.Throws<DomainException>(() => card.ChangeBalance(-2001, Now));
        Assert.Throws<DomainException>(() => card.ChangeBalance(1001, Now));
        card.ChangeBalance(1000, Now);

        Assert.That(card.BalanceCents, Is.EqualTo(3000));
        Assert.That(card.Ledger.Where(e => e.Counts).Sum(e => e.AmountCents), Is.EqualTo(card.BalanceCents));
    }

    [Test]
    public void Transitions_follow_the_status_machine()
    {
        var card = GiftCard.Create("EUR", 5000, null, Now);

        card.Purchase();
        Assert.That(card.Status, Is.EqualTo(GiftCardStatus.Inactive));
        Assert.Throws<DomainException>(card.Deactivate);
        card.Activate(Now);
        Assert.That(card.Status, Is.EqualTo(GiftCardStatus.Active));
        var failure = Assert.Throws<DomainException>(card.Purchase)!;
        Assert.That(failure.Member, Is.EqualTo("status"));
    }
}
