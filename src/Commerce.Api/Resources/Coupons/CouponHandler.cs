using Commerce.Api.Persistence;
using Commerce.Domain.Promotions;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.Coupons;

internal sealed class CouponHandler(CommerceDbContext db, IValidator<Coupon> validator, RelationshipTargets targets) : EntityHandler<Coupon>(db, validator)
{
    public override bool HidesNothing => true;

    protected override async Task<Coupon> NewAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        input.Require("code");
        var rule = await targets.RequireAsync<CouponCodesPromotionRule>(input, "promotion_rule");
        var code = (string)input.Attributes["code"]!;
        if (string.IsNullOrWhiteSpace(code) || code.Trim().Length > Coupon.MaxCodeLength)
            throw JsonApiException.Invalid(ResourceInput.AttributePointer("code"), $"code is 1 to {Coupon.MaxCodeLength} characters.");
        var normalized = Coupon.Normalize(code);
        if (await Db.Coupons.AnyAsync(c => c.NormalizedCode == normalized, cancellationToken))
            throw JsonApiException.Invalid(ResourceInput.AttributePointer("code"), "Another coupon has this code (codes are case-insensitive).");
        return new Coupon(code, rule);
    }
}

internal sealed class CouponValidator : AbstractValidator<Coupon>
{
    public CouponValidator()
    {
        RuleFor(c => c.UsageLimit).GreaterThan(0).When(c => c.UsageLimit is not null);
        RuleFor(c => c.RecipientEmail).MaximumLength(256);
    }
}
