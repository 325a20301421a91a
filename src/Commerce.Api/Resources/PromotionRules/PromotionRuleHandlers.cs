using Commerce.Api.Persistence;
using Commerce.Domain.Promotions;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.PromotionRules;

internal sealed class OrderAmountPromotionRuleHandler(CommerceDbContext db, IValidator<OrderAmountPromotionRule> validator, RelationshipTargets targets)
    : EntityHandler<OrderAmountPromotionRule>(db, validator)
{
    public override bool HidesNothing => true;

    public override IQueryable<OrderAmountPromotionRule> Query() => Db.OrderAmountPromotionRules.Include(r => r.Promotion);

    protected override async Task<OrderAmountPromotionRule> NewAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        input.Require("order_amount_cents");
        var promotion = await targets.RequireAsync<Promotion>(input, "promotion");
        if (await Db.OrderAmountPromotionRules.AnyAsync(r => r.PromotionId == promotion.Id, cancellationToken))
            throw JsonApiException.Invalid(ResourceInput.RelationshipPointer("promotion"), "This promotion already has an order amount rule: change that one.");
        return new OrderAmountPromotionRule(promotion, (long)input.Attributes["order_amount_cents"]!);
    }
}

internal sealed class OrderAmountPromotionRuleValidator : AbstractValidator<OrderAmountPromotionRule>
{
    public OrderAmountPromotionRuleValidator() => RuleFor(r => r.OrderAmountCents).InclusiveBetween(0, 1_000_000_000_00);
}

internal sealed class CouponCodesPromotionRuleHandler(CommerceDbContext db, IValidator<CouponCodesPromotionRule> validator, RelationshipTargets targets)
    : EntityHandler<CouponCodesPromotionRule>(db, validator)
{
    public override bool HidesNothing => true;

    protected override async Task<CouponCodesPromotionRule> NewAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        var promotion = await targets.RequireAsync<Promotion>(input, "promotion");
        if (await Db.CouponCodesPromotionRules.AnyAsync(r => r.PromotionId == promotion.Id, cancellationToken))
            throw JsonApiException.Invalid(ResourceInput.RelationshipPointer("promotion"), "This promotion already has a coupon codes rule: add coupons to that one.");
        return new CouponCodesPromotionRule(promotion);
    }
}

internal sealed class CouponCodesPromotionRuleValidator : AbstractValidator<CouponCodesPromotionRule>;
