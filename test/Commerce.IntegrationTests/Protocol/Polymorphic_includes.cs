using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Protocol;

/// <summary>
/// A polymorphic relationship (a line item's <c>item</c>: a SKU, or the promotion of a discount line) is readable by a role
/// that may read at least one of its types: each reached resource is shown when the caller may read its type and left out
/// (of <c>included</c> and of the linkage) when not. Only a relationship none of whose types the caller may read is 403, and
/// the 403 names those types.
/// </summary>
public sealed class Polymorphic_includes : ApiFixture
{
    private JsonApiClient _salesChannel = null!;

    [OneTimeSetUp]
    public async Task SignIn() =>
        _salesChannel = Factory.CreateApiClient(await Factory.GetTokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = CommerceFactory.SalesChannelId }));

    /// <summary>A sales channel's order with a SKU line and a discount line (a coupon of a percentage promotion).</summary>
    private async Task<(string OrderId, string SkuLine, string DiscountLine, string PromotionId)> DiscountedOrderAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var promotion = await Api.PostAsync("percentage_discount_promotions", Document("percentage_discount_promotions", new
        {
            name = "Spring sale", currency_code = "EUR", percentage = 10, starts_at = now.AddDays(-1), expires_at = now.AddDays(30),
        }));
        Assert.That(promotion.Status, Is.EqualTo(HttpStatusCode.Created), promotion.ToString());
        var rule = await Api.PostAsync("coupon_codes_promotion_rules", Document("coupon_codes_promotion_rules", null,
            new { promotion = ToOne("percentage_discount_promotions", promotion.Id) }));
        Assert.That(rule.Status, Is.EqualTo(HttpStatusCode.Created), rule.ToString());
        var code = Unique("SPRING");
        var coupon = await Api.PostAsync("coupons", Document("coupons", new { code }, new { promotion_rule = ToOne("coupon_codes_promotion_rules", rule.Id) }));
        Assert.That(coupon.Status, Is.EqualTo(HttpStatusCode.Created), coupon.ToString());

        var order = await new CheckoutBuilder(_salesChannel).BuildAsync();
        var applied = await _salesChannel.PatchAsync($"orders/{order.Id}?include=line_items", Document("orders", new { coupon_code = code }, id: order.Id));
        Assert.That(applied.Status, Is.EqualTo(HttpStatusCode.OK), applied.ToString());
        var lines = applied.Body!["included"]!.AsArray();
        var skuLine = lines.Single(l => l!["attributes"]!.Text("item_type") == "skus")!["id"]!.GetValue<string>();
        var discountLine = lines.Single(l => l!["attributes"]!.Text("item_type") == "percentage_discount_promotions")!["id"]!.GetValue<string>();
        return (order.Id, skuLine, discountLine, promotion.Id);
    }

    [Test]
    public async Task A_sales_channel_includes_line_items_item_and_gets_the_skus_but_not_the_promotions()
    {
        var (orderId, skuLine, discountLine, promotionId) = await DiscountedOrderAsync();

        var read = await _salesChannel.GetAsync($"orders/{orderId}?include=line_items.item");

        Assert.That(read.Status, Is.EqualTo(HttpStatusCode.OK), read.ToString());
        var included = read.Body!["included"]!.AsArray();
        Assert.That(included.Select(r => r!["type"]!.GetValue<string>()).Distinct(), Is.EquivalentTo(new[] { "line_items", "skus" }));
        Assert.That(read.ToString(), Does.Not.Contain(promotionId), "neither the promotion nor its id leaks");
        var lines = included.Where(r => r!["type"]!.GetValue<string>() == "line_items").ToDictionary(l => l!["id"]!.GetValue<string>());
        Assert.That(lines[skuLine]!["relationships"]!["item"]!["data"]!["type"]!.GetValue<string>(), Is.EqualTo("skus"));
        Assert.That(lines[discountLine]!["relationships"]!["item"]!["data"], Is.Null, "the promotion is left out of the linkage");
    }

    [Test]
    public async Task An_integration_includes_line_items_item_and_gets_the_skus_and_the_promotion()
    {
        var (orderId, _, discountLine, promotionId) = await DiscountedOrderAsync();

        var read = await Api.GetAsync($"orders/{orderId}?include=line_items.item");

        Assert.That(read.Status, Is.EqualTo(HttpStatusCode.OK), read.ToString());
        var included = read.Body!["included"]!.AsArray();
        Assert.That(included.Any(r => r!["type"]!.GetValue<string>() == "percentage_discount_promotions" && r["id"]!.GetValue<string>() == promotionId), read.ToString());
        var line = included.Single(r => r!["id"]!.GetValue<string>() == discountLine)!;
        Assert.That(line["relationships"]!["item"]!["data"]!["id"]!.GetValue<string>(), Is.EqualTo(promotionId));
    }

    [Test]
    public async Task A_sales_channel_reads_a_discount_lines_item_as_absent_and_a_sku_lines_item_as_the_sku()
    {
        var (_, skuLine, discountLine, promotionId) = await DiscountedOrderAsync();

        var sku = await _salesChannel.GetAsync($"line_items/{skuLine}/item");
        var promotion = await _salesChannel.GetAsync($"line_items/{discountLine}/item");
        var linkage = await _salesChannel.GetAsync($"line_items/{discountLine}/relationships/item");

        Assert.That(sku.Status, Is.EqualTo(HttpStatusCode.OK), sku.ToString());
        Assert.That(sku.Data["type"]!.GetValue<string>(), Is.EqualTo("skus"));
        Assert.That(promotion.Status, Is.EqualTo(HttpStatusCode.OK), promotion.ToString());
        Assert.That(promotion.Body!["data"], Is.Null);
        Assert.That(linkage.Status, Is.EqualTo(HttpStatusCode.OK), linkage.ToString());
        Assert.That(linkage.Body!["data"], Is.Null);
        Assert.That(promotion + linkage.ToString(), Does.Not.Contain(promotionId));
    }

    [Test]
    public async Task Including_a_type_the_role_may_not_read_is_still_403_naming_that_type()
    {
        var order = await new CheckoutBuilder(_salesChannel).BuildAsync();

        var refused = await _salesChannel.GetAsync($"orders/{order.Id}?include=line_items.item,shipments");

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.Forbidden), refused.ToString());
        Assert.That(refused.Error["source"]!["parameter"]!.GetValue<string>(), Is.EqualTo("include"));
        Assert.That(refused.Error["detail"]!.GetValue<string>(), Does.Contain("shipments").And.Not.Contain("promotions"));
    }
}
