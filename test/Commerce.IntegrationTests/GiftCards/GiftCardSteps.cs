using System.Text.Json.Nodes;

namespace Commerce.IntegrationTests.GiftCards;

/// <summary>What the gift card tests do often: an active card, the code on an order, the card as stored.</summary>
internal static class GiftCardSteps
{
    public static async Task<(string Id, string Code)> ActiveCardAsync(this JsonApiClient integration, long balanceCents, object? moreAttributes = null, string currency = "EUR")
    {
        var attributes = new Dictionary<string, object?> { ["currency_code"] = currency, ["balance_cents"] = balanceCents };
        if (moreAttributes is not null)
            foreach (var property in moreAttributes.GetType().GetProperties())
                attributes[property.Name] = property.GetValue(moreAttributes);
        var created = await integration.PostAsync("gift_cards", Document("gift_cards", attributes));
        Assert.That(created.Status, Is.EqualTo(System.Net.HttpStatusCode.Created), created.ToString());
        var activated = await integration.PatchAsync($"gift_cards/{created.Id}", Document("gift_cards", new { _activate = true }, id: created.Id));
        Assert.That(activated.Status, Is.EqualTo(System.Net.HttpStatusCode.OK), activated.ToString());
        return (created.Id, created.Attributes["code"]!.GetValue<string>());
    }

    public static Task<ApiResponse> ApplyGiftCardAsync(this JsonApiClient api, string orderId, string? code) =>
        api.PatchAsync($"orders/{orderId}", Document("orders", new { gift_card_code = code }, id: orderId));

    public static async Task<JsonNode> CardAsync(this JsonApiClient integration, string cardId)
    {
        var card = await integration.GetAsync($"gift_cards/{cardId}");
        Assert.That(card.Status, Is.EqualTo(System.Net.HttpStatusCode.OK), card.ToString());
        return card.Attributes;
    }

    public static long Balance(this JsonNode card) => card["balance_cents"]!.GetValue<long>();

    /// <summary>Σ of balance_log: what the ledger says the balance is.</summary>
    public static long LedgerBalance(this JsonNode card) => card["balance_log"]!.AsArray().Sum(e => e!["balance_change_cents"]!.GetValue<long>());

    public static long Cents(this JsonNode attributes, string name) => attributes[name]!.GetValue<long>();
}
