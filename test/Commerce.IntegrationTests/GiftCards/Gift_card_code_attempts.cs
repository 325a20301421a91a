using System.Net;
using Commerce.Api.Resources.GiftCards;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.GiftCards;

/// <summary>Guessing gift card codes on an order is rate-limited: failed attempts only, per customer or client address.</summary>
public sealed class Gift_card_code_attempts : ApiFixture
{
    [Test]
    public async Task After_the_limit_of_failed_codes_every_attempt_is_429_with_retry_after_even_a_right_one()
    {
        var (_, code) = await Api.ActiveCardAsync(1000);
        var order = await new CheckoutBuilder(Api).BuildAsync();

        var failures = new List<ApiResponse>();
        for (var i = 0; i < GiftCardCodeAttempts.Limit; i++)
            failures.Add(await Api.ApplyGiftCardAsync(order.Id, $"WRONG-GUESS-{i:D4}"));
        var limited = await Api.ApplyGiftCardAsync(order.Id, code);

        Assert.That(failures.Select(f => f.Status), Is.All.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(limited.Status, Is.EqualTo((HttpStatusCode)429), limited.ToString());
        Assert.That(limited.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/gift_card_code" }));
        Assert.That(limited.Headers.RetryAfter, Is.Not.Null);
        Assert.That((await Api.OrderAsync(order.Id))["gift_card_code"], Is.Null, "the limited attempt changed nothing");
    }
}
