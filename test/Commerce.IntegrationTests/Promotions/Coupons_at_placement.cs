using System.Net;
using System.Text.Json.Nodes;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Commerce.TestBuildingBlocks.JsonApiClient;

namespace Commerce.IntegrationTests.Promotions;

/// <summary>Creating promotions and coupons over the API, and what a coupon does to an order and its placement: exactly-once uses.</summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSql")]
public sealed class Coupons_at_placement(string provider) : ProviderFixture(provider)
{
    [Test]
    public async Task A_coupon_code_discounts_the_order_and_placing_counts_one_use()
    {
        var (promotionId, couponId, code) = await CouponAsync(percentage: 10);
        var order = await new CheckoutBuilder(Api).BuildAsync();
        var before = await Api.OrderAsync(order.Id);

        var applied = await Api.PatchAsync($"orders/{order.Id}?include=line_items", Document("orders", new { coupon_code = code.ToLowerInvariant() }, id: order.Id));
        var placed = await Api.PlaceAsync(order.Id);

        Assert.That(applied.Status, Is.EqualTo(HttpStatusCode.OK), applied.ToString());
        var attributes = applied.Body!["data"]!["attributes"]!;
        var lines = applied.Body!["included"]!.AsArray().Select(l => l!["attributes"]!).ToList();
        var skuLine = lines.Single(l => l["item_type"]!.GetValue<string>() == "skus");
        var discountLine = lines.Single(l => l["item_type"]!.GetValue<string>() == "percentage_discount_promotions");
        var subtotal = before.Long("subtotal_amount_cents");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(attributes["coupon_code"]!.GetValue<string>(), Is.EqualTo(code), "spelled as the coupon");
            Assert.That(attributes["discount_amount_cents"]!.GetValue<long>(), Is.EqualTo(-subtotal / 10));
            Assert.That(discountLine["total_amount_cents"]!.GetValue<long>(), Is.EqualTo(-subtotal / 10));
            Assert.That(discountLine["coupon_code"]!.GetValue<string>(), Is.EqualTo(code));
            Assert.That(skuLine["discount_cents"]!.GetValue<long>(), Is.EqualTo(-subtotal / 10));
            Assert.That(attributes["total_amount_with_taxes_cents"]!.GetValue<long>(),
                Is.EqualTo(before.Long("total_amount_with_taxes_cents") - subtotal / 10));
            Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
            Assert.That(await CountAsync($"coupons/{couponId}", "usage_count"), Is.EqualTo(1));
            Assert.That(await CountAsync($"percentage_discount_promotions/{promotionId}", "total_usage_count"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task An_unknown_code_is_422_at_coupon_code_and_changes_nothing()
    {
        var order = await new CheckoutBuilder(Api).BuildAsync();
        var before = await Api.OrderAsync(order.Id);

        var refused = await Api.PatchAsync($"orders/{order.Id}", Document("orders", new { coupon_code = "NO-SUCH-CODE", reference = "changed" }, id: order.Id));

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), refused.ToString());
        Assert.That(refused.Error["source"]!["pointer"]!.GetValue<string>(), Is.EqualTo("/data/attributes/coupon_code"));
        var after = await Api.OrderAsync(order.Id);
        Assert.That(after.Text("reference"), Is.EqualTo(before.Text("reference")));
        Assert.That(after.Long("total_amount_with_taxes_cents"), Is.EqualTo(before.Long("total_amount_with_taxes_cents")));
    }

    [Test]
    public async Task Twelve_orders_racing_for_a_coupon_with_usage_limit_5_place_exactly_5_with_the_discount()
    {
        var (_, couponId, code) = await CouponAsync(percentage: 10, usageLimit: 5);
        var orders = new List<CheckoutOrder>();
        for (var i = 0; i < 12; i++)
        {
            var order = await new CheckoutBuilder(Api).BuildAsync();
            var applied = await Api.PatchAsync($"orders/{order.Id}", Document("orders", new { coupon_code = code }, id: order.Id));
            Assert.That(applied.Status, Is.EqualTo(HttpStatusCode.OK), applied.ToString());
            orders.Add(order);
        }

        var responses = await Task.WhenAll(orders.Select(o => Task.Run(() => Api.PlaceAsync(o.Id))));

        var all = string.Join("\n", responses.Select(r => r.Status + " " + r));
        var placed = responses.Where(r => r.Status == HttpStatusCode.OK).ToList();
        Assert.That(placed, Has.Count.EqualTo(5), all);
        Assert.That(placed.Select(r => r.Body!["data"]!["attributes"]!["discount_amount_cents"]!.GetValue<long>()), Is.All.Negative);
        Assert.That(responses.Where(r => r.Status != HttpStatusCode.OK).Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.UnprocessableEntity), all);
        Assert.That(await CountAsync($"coupons/{couponId}", "usage_count"), Is.EqualTo(5));
        Assert.That(await HeldCountAsync(), Is.Zero, "nothing is held by an order that was not placed");
    }

    [Test]
    public async Task A_declined_then_approved_placement_consumes_one_use()
    {
        var (promotionId, couponId, code) = await CouponAsync(percentage: 10, usageLimit: 1);
        var order = await new CheckoutBuilder(Api).PaidByCard("tok_chargeDeclined").BuildAsync();
        Assert.That((await Api.PatchAsync($"orders/{order.Id}", Document("orders", new { coupon_code = code }, id: order.Id))).Status, Is.EqualTo(HttpStatusCode.OK));

        var declined = await Api.PlaceAsync(order.Id);
        var usesAfterDecline = await CountAsync($"coupons/{couponId}", "usage_count");
        var source = await Api.PostAsync("external_payments", Document("external_payments", new { payment_source_token = "tok_visa" },
            new { order = ToOne("orders", order.Id) }));
        Assert.That(source.Status, Is.EqualTo(HttpStatusCode.Created), source.ToString());
        var relinked = await Api.PatchAsync($"orders/{order.Id}", Document("orders", null,
            new { payment_source = ToOne("external_payments", source.Body!["data"]!["id"]!.GetValue<string>()) }, id: order.Id));
        Assert.That(relinked.Status, Is.EqualTo(HttpStatusCode.OK), relinked.ToString());
        var approved = await Api.PlaceAsync(order.Id);

        Assert.That(declined.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), declined.ToString());
        Assert.That(usesAfterDecline, Is.Zero, "a declined placement gives its use back");
        Assert.That(approved.Status, Is.EqualTo(HttpStatusCode.OK), approved.ToString());
        Assert.That(await CountAsync($"coupons/{couponId}", "usage_count"), Is.EqualTo(1));
        Assert.That(await CountAsync($"percentage_discount_promotions/{promotionId}", "total_usage_count"), Is.EqualTo(1));
    }

    [Test]
    public async Task Expiry_between_pricing_and_placing_is_a_422_that_consumes_nothing()
    {
        var (_, couponId, code) = await CouponAsync(percentage: 10);
        var order = await new CheckoutBuilder(Api).BuildAsync();
        var priced = await Api.PatchAsync($"orders/{order.Id}", Document("orders", new { coupon_code = code }, id: order.Id));
        var shownTotal = priced.Body!["data"]!["attributes"]!["total_amount_with_taxes_cents"]!.GetValue<long>();
        var expired = await Api.PatchAsync($"coupons/{couponId}", Document("coupons", new { expires_at = DateTimeOffset.UtcNow.AddMinutes(-1) }, id: couponId));
        Assert.That(expired.Status, Is.EqualTo(HttpStatusCode.OK), expired.ToString());

        var refused = await Api.PlaceAsync(order.Id);

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), refused.ToString());
        var errors = refused.Body!["errors"]!.AsArray();
        Assert.That(errors.Select(e => e!["source"]!["pointer"]!.GetValue<string>()),
            Is.EquivalentTo(new[] { "/data/attributes/coupon_code", "/data/attributes/total_amount_with_taxes_cents" }), refused.ToString());
        var total = errors.Single(e => e!["source"]!["pointer"]!.GetValue<string>().EndsWith("total_amount_with_taxes_cents", StringComparison.Ordinal))!;
        Assert.That(total["meta"]!["previous"]!.GetValue<long>(), Is.EqualTo(shownTotal));
        var after = await Api.OrderAsync(order.Id);
        Assert.That(total["meta"]!["current"]!.GetValue<long>(), Is.EqualTo(after.Long("total_amount_with_taxes_cents")));
        Assert.That(after.Text("status"), Is.EqualTo("pending"));
        Assert.That(after["coupon_code"], Is.Null, "the order keeps its new prices");
        Assert.That(after.Long("discount_amount_cents"), Is.Zero);
        Assert.That(await CountAsync($"coupons/{couponId}", "usage_count"), Is.Zero);
    }

    [Test]
    public async Task A_cancelled_order_gives_its_coupon_use_back()
    {
        var (_, couponId, code) = await CouponAsync(percentage: 10, usageLimit: 1);
        var order = await new CheckoutBuilder(Api).BuildAsync();
        Assert.That((await Api.PatchAsync($"orders/{order.Id}", Document("orders", new { coupon_code = code }, id: order.Id))).Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.OK));

        var cancelled = await Api.TriggerAsync(order.Id, "_cancel");
        var givenBack = await Eventually.TrueAsync(async () => await CountAsync($"coupons/{couponId}", "usage_count") == 0);

        Assert.That(cancelled.Status, Is.EqualTo(HttpStatusCode.OK), cancelled.ToString());
        Assert.That(givenBack, Is.True, "the use comes back once the outbox handled orders.cancel");
    }

    private async Task<(string PromotionId, string CouponId, string Code)> CouponAsync(int percentage, int? usageLimit = null)
    {
        var now = DateTimeOffset.UtcNow;
        var promotion = await Api.PostAsync("percentage_discount_promotions", Document("percentage_discount_promotions", new
        {
            name = "Spring sale", currency_code = "EUR", percentage, starts_at = now.AddDays(-1), expires_at = now.AddDays(30),
        }));
        Assert.That(promotion.Status, Is.EqualTo(HttpStatusCode.Created), promotion.ToString());
        var promotionId = promotion.Body!["data"]!["id"]!.GetValue<string>();
        var rule = await Api.PostAsync("coupon_codes_promotion_rules", Document("coupon_codes_promotion_rules", null,
            new { promotion = ToOne("percentage_discount_promotions", promotionId) }));
        Assert.That(rule.Status, Is.EqualTo(HttpStatusCode.Created), rule.ToString());
        var code = Unique("SPRING");
        var coupon = await Api.PostAsync("coupons", Document("coupons", new { code, usage_limit = usageLimit },
            new { promotion_rule = ToOne("coupon_codes_promotion_rules", rule.Body!["data"]!["id"]!.GetValue<string>()) }));
        Assert.That(coupon.Status, Is.EqualTo(HttpStatusCode.Created), coupon.ToString());
        return (promotionId, coupon.Body!["data"]!["id"]!.GetValue<string>(), code);
    }

    private async Task<long> CountAsync(string url, string attribute)
    {
        var response = await Api.GetAsync(url);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        return response.Body!["data"]!["attributes"]![attribute]!.GetValue<long>();
    }

    private async Task<int> HeldCountAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Commerce.Api.Persistence.CommerceDbContext>();
        return await db.PlacementHolds.CountAsync(h => h.Status == Commerce.Domain.Placement.PlacementHoldStatus.Held);
    }
}

internal static class OrderAttributes
{
    public static long Long(this JsonNode order, string name) => order[name]!.GetValue<long>();
}
