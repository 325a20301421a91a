using System.Net;
using Commerce.IntegrationTests.Infrastructure;
using static Commerce.TestBuildingBlocks.JsonApiClient;

namespace Commerce.IntegrationTests.Promotions;

/// <summary>
/// <c>customer_single_use</c>: a customer (by customer, or by e-mail address) places at most one order with such a coupon, taken
/// in the placement's transaction like every other use, so racing orders of one customer place once. On SQLite and PostgreSQL.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSql")]
public sealed class Customer_single_use_coupons(string provider) : ProviderFixture(provider)
{
    [Test]
    public async Task A_customer_places_one_order_with_a_customer_single_use_coupon_and_the_second_is_422_at_coupon_code()
    {
        var (couponId, code) = await SingleUseCouponAsync();
        var email = $"{Guid.NewGuid():N}@example.com";
        var first = await OrderWithCouponAsync(email, code);
        var second = await OrderWithCouponAsync(email.ToUpperInvariant(), code);

        var placed = await Api.PlaceAsync(first);
        var refused = await Api.PlaceAsync(second);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), refused.ToString());
            Assert.That(refused.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/coupon_code" }));
            Assert.That((await Api.OrderAsync(second)).Text("status"), Is.EqualTo("pending"), "the refused order is left as it was");
            Assert.That(await UsageCountAsync(couponId), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Other_customers_each_use_it_once()
    {
        var (couponId, code) = await SingleUseCouponAsync();

        var placed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            placed.Add((await Api.PlaceAsync(await OrderWithCouponAsync($"{Guid.NewGuid():N}@example.com", code))).Status);

        Assert.That(placed, Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(await UsageCountAsync(couponId), Is.EqualTo(3));
    }

    [Test]
    public async Task Six_orders_of_one_customer_racing_with_the_coupon_place_exactly_one()
    {
        var (couponId, code) = await SingleUseCouponAsync();
        var email = $"{Guid.NewGuid():N}@example.com";
        var orders = new List<string>();
        for (var i = 0; i < 6; i++)
            orders.Add(await OrderWithCouponAsync(email, code));

        var responses = await Task.WhenAll(orders.Select(o => Task.Run(() => Api.PlaceAsync(o))));

        var all = string.Join("\n", responses.Select(r => r.Status + " " + r));
        Assert.That(responses.Count(r => r.Status == HttpStatusCode.OK), Is.EqualTo(1), all);
        Assert.That(responses.Where(r => r.Status != HttpStatusCode.OK).Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.UnprocessableEntity), all);
        Assert.That(await UsageCountAsync(couponId), Is.EqualTo(1));
    }

    [Test]
    public async Task A_declined_placement_does_not_use_up_the_customer_s_single_use()
    {
        var (couponId, code) = await SingleUseCouponAsync();
        var email = $"{Guid.NewGuid():N}@example.com";
        var declinedOrder = (await new CheckoutBuilder(Api).WithEmail(email).PaidByCard("tok_chargeDeclined").BuildAsync()).Id;
        Assert.That((await Api.PatchAsync($"orders/{declinedOrder}", Document("orders", new { coupon_code = code }, id: declinedOrder))).Status, Is.EqualTo(HttpStatusCode.OK));
        var declined = await Api.PlaceAsync(declinedOrder);

        var placed = await Api.PlaceAsync(await OrderWithCouponAsync(email, code));

        Assert.That(declined.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), declined.ToString());
        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        Assert.That(await UsageCountAsync(couponId), Is.EqualTo(1));
    }

    private async Task<string> OrderWithCouponAsync(string email, string code)
    {
        var order = await new CheckoutBuilder(Api).WithEmail(email).BuildAsync();
        var applied = await Api.PatchAsync($"orders/{order.Id}", Document("orders", new { coupon_code = code }, id: order.Id));
        Assert.That(applied.Status, Is.EqualTo(HttpStatusCode.OK), applied.ToString());
        return order.Id;
    }

    private async Task<long> UsageCountAsync(string couponId) =>
        (await Api.GetAsync($"coupons/{couponId}")).Attributes["usage_count"]!.GetValue<long>();

    private async Task<(string CouponId, string Code)> SingleUseCouponAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var promotion = await Api.PostAsync("fixed_amount_promotions", Document("fixed_amount_promotions", new
        {
            name = "Welcome", currency_code = "EUR", fixed_amount_cents = 200, starts_at = now.AddDays(-1), expires_at = now.AddDays(30),
        }));
        Assert.That(promotion.Status, Is.EqualTo(HttpStatusCode.Created), promotion.ToString());
        var rule = await Api.PostAsync("coupon_codes_promotion_rules", Document("coupon_codes_promotion_rules", null,
            new { promotion = ToOne("fixed_amount_promotions", promotion.Id) }));
        var code = Unique("WELCOME");
        var coupon = await Api.PostAsync("coupons", Document("coupons", new { code, customer_single_use = true },
            new { promotion_rule = ToOne("coupon_codes_promotion_rules", rule.Id) }));
        Assert.That(coupon.Status, Is.EqualTo(HttpStatusCode.Created), coupon.ToString());
        return (coupon.Id, code);
    }
}
