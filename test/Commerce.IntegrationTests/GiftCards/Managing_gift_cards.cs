using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.GiftCards;

/// <summary>The <c>gift_cards</c> resource: codes, the status machine, balance changes and their ledger, who may do what.</summary>
public sealed partial class Managing_gift_cards : ApiFixture
{
    [GeneratedRegex("^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){5}$")]
    private static partial Regex GeneratedCode();

    private Task<ApiResponse> CreateCardAsync(JsonApiClient api, object attributes) => api.PostAsync("gift_cards", Document("gift_cards", attributes));

    private Task<ApiResponse> TriggerAsync(string id, object attributes) => Api.PatchAsync($"gift_cards/{id}", Document("gift_cards", attributes, id: id));

    private static long BalanceLogSum(ApiResponse card) =>
        card.Attributes["balance_log"]!.AsArray().Sum(e => e!["balance_change_cents"]!.GetValue<long>());

    [Test]
    public async Task A_card_created_without_a_code_gets_a_long_generated_one_and_starts_draft()
    {
        var first = await CreateCardAsync(Api, new { currency_code = "EUR", balance_cents = 5000 });
        var second = await CreateCardAsync(Api, new { currency_code = "EUR", balance_cents = 5000 });

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.Created), first.ToString());
        var code = first.Attributes["code"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(code, Does.Match(GeneratedCode()), "24 characters of a 32-letter alphabet in groups of four");
            Assert.That(second.Attributes["code"]!.GetValue<string>(), Is.Not.EqualTo(code));
            Assert.That(first.Attributes["status"]!.GetValue<string>(), Is.EqualTo("draft"));
            Assert.That(first.Attributes["balance_cents"]!.GetValue<long>(), Is.EqualTo(5000));
            Assert.That(first.Attributes["initial_balance_cents"]!.GetValue<long>(), Is.EqualTo(5000));
            Assert.That(first.Attributes["formatted_balance"]!.GetValue<string>(), Is.EqualTo("€50,00").Or.EqualTo("€50.00"));
            Assert.That(BalanceLogSum(first), Is.EqualTo(5000), "the issue is the ledger's first entry");
        });
    }

    [Test]
    public async Task A_code_already_taken_is_422_at_code_and_the_answer_never_quotes_it()
    {
        var code = Unique("GIFT-");
        var created = await CreateCardAsync(Api, new { currency_code = "EUR", balance_cents = 1000, code });
        var taken = await CreateCardAsync(Api, new { currency_code = "EUR", balance_cents = 1000, code });
        var malformed = await CreateCardAsync(Api, new { currency_code = "EUR", balance_cents = 1000, code = "short" });

        Assert.That(created.Attributes["code"]!.GetValue<string>(), Is.EqualTo(code));
        Assert.That(taken.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), taken.ToString());
        Assert.That(taken.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/code" }));
        Assert.That(taken.Body!.ToJsonString(), Does.Not.Contain(code));
        Assert.That(malformed.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/code" }));
    }

    [Test]
    public async Task Invalid_amounts_and_currency_are_422_with_their_pointers()
    {
        var response = await CreateCardAsync(Api, new { currency_code = "XXX", balance_cents = 0 });
        var missing = await CreateCardAsync(Api, new { recipient_email = "someone@example.com" });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(response.ErrorPointers, Is.EquivalentTo(new[] { "/data/attributes/currency_code", "/data/attributes/balance_cents" }));
        Assert.That(missing.ErrorPointers, Is.EquivalentTo(new[] { "/data/attributes/currency_code", "/data/attributes/balance_cents" }));
    }

    [Test]
    public async Task A_card_goes_draft_purchased_inactive_activated_active_and_back_to_inactive()
    {
        var card = await CreateCardAsync(Api, new { currency_code = "EUR", balance_cents = 2500 });

        var purchased = await TriggerAsync(card.Id, new { _purchase = true });
        var activated = await TriggerAsync(card.Id, new { _activate = true });
        var purchasedAgain = await TriggerAsync(card.Id, new { _purchase = true });
        var deactivated = await TriggerAsync(card.Id, new { _deactivate = true });
        var two = await TriggerAsync(card.Id, new { _activate = true, _deactivate = true });

        Assert.Multiple(() =>
        {
            Assert.That(purchased.Attributes["status"]!.GetValue<string>(), Is.EqualTo("inactive"), purchased.ToString());
            Assert.That(activated.Attributes["status"]!.GetValue<string>(), Is.EqualTo("active"));
            Assert.That(activated.Attributes["activated_at"]!.GetValue<string>(), Is.Not.Null);
            Assert.That(purchasedAgain.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(purchasedAgain.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/status" }));
            Assert.That(deactivated.Attributes["status"]!.GetValue<string>(), Is.EqualTo("inactive"));
            Assert.That(two.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(two.ErrorPointers, Is.EquivalentTo(new[] { "/data/attributes/_activate", "/data/attributes/_deactivate" }));
        });
    }

    [Test]
    public async Task Balance_changes_are_logged_and_the_balance_is_always_the_sum_of_its_log()
    {
        var card = await CreateCardAsync(Api, new { currency_code = "EUR", balance_cents = 2000, rechargeable = true, balance_max_cents = 5000 });
        await TriggerAsync(card.Id, new { _activate = true });

        var recharged = await TriggerAsync(card.Id, new { _balance_change_cents = 1500 });
        var spent = await TriggerAsync(card.Id, new { _balance_change_cents = -500 });
        var aboveMax = await TriggerAsync(card.Id, new { _balance_change_cents = 2001 });
        var belowZero = await TriggerAsync(card.Id, new { _balance_change_cents = -3001, single_use = true });
        var after = await Api.GetAsync($"gift_cards/{card.Id}");

        Assert.Multiple(() =>
        {
            Assert.That(recharged.Attributes["balance_cents"]!.GetValue<long>(), Is.EqualTo(3500), recharged.ToString());
            Assert.That(spent.Attributes["balance_cents"]!.GetValue<long>(), Is.EqualTo(3000));
            Assert.That(aboveMax.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(aboveMax.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/_balance_change_cents" }));
            Assert.That(belowZero.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(after.Attributes["balance_cents"]!.GetValue<long>(), Is.EqualTo(3000), "a refused change changes nothing");
            Assert.That(after.Attributes["single_use"]!.GetValue<bool>(), Is.False, "the request failed as one");
            Assert.That(BalanceLogSum(after), Is.EqualTo(3000));
            Assert.That(after.Attributes["balance_log"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()),
                Is.EqualTo(new[] { "issue", "balance_change", "balance_change" }));
        });
    }

    [Test]
    public async Task A_card_that_is_not_rechargeable_cannot_be_topped_up()
    {
        var card = await CreateCardAsync(Api, new { currency_code = "EUR", balance_cents = 2000 });
        await TriggerAsync(card.Id, new { _activate = true });

        var topUp = await TriggerAsync(card.Id, new { _balance_change_cents = 100 });

        Assert.That(topUp.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), topUp.ToString());
        Assert.That(topUp.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/_balance_change_cents" }));
    }

    [Test]
    public async Task A_sales_channel_creates_and_reads_draft_cards_only_and_manages_none()
    {
        var salesChannel = Factory.CreateApiClient(await Factory.GetSalesChannelTokenAsync());

        var draft = await CreateCardAsync(salesChannel, new { currency_code = "EUR", balance_cents = 3000, recipient_email = "friend@example.com" });
        var withCode = await CreateCardAsync(salesChannel, new { currency_code = "EUR", balance_cents = 3000, code = Unique("MINE-") });
        var read = await salesChannel.GetAsync($"gift_cards/{draft.Id}");
        var list = await salesChannel.GetAsync("gift_cards");
        var activate = await salesChannel.PatchAsync($"gift_cards/{draft.Id}", Document("gift_cards", new { _activate = true }, id: draft.Id));
        await TriggerAsync(draft.Id, new { _activate = true });
        var readActive = await salesChannel.GetAsync($"gift_cards/{draft.Id}");

        Assert.Multiple(() =>
        {
            Assert.That(draft.Status, Is.EqualTo(HttpStatusCode.Created), draft.ToString());
            Assert.That(withCode.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(withCode.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/code" }));
            Assert.That(read.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(list.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(activate.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(readActive.Status, Is.EqualTo(HttpStatusCode.NotFound), "an active card is worth money: not the sales channel's to read");
        });
    }

    [Test]
    public async Task Only_a_draft_card_can_be_deleted()
    {
        var draft = await CreateCardAsync(Api, new { currency_code = "EUR", balance_cents = 1000 });
        var active = await CreateCardAsync(Api, new { currency_code = "EUR", balance_cents = 1000 });
        await TriggerAsync(active.Id, new { _activate = true });

        var deletedDraft = await Api.DeleteAsync($"gift_cards/{draft.Id}");
        var deletedActive = await Api.DeleteAsync($"gift_cards/{active.Id}");

        Assert.That(deletedDraft.Status, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await Api.GetAsync($"gift_cards/{draft.Id}")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(deletedActive.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(deletedActive.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/status" }));
    }
}
