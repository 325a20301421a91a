using Commerce.Api.Persistence;
using Commerce.Domain.Promotions;
using Commerce.JsonApi.Documents;
using FluentValidation;

namespace Commerce.Api.Resources.Promotions;

internal sealed class PromotionHandler<T>(CommerceDbContext db, IValidator<Promotion> validator, TimeProvider clock)
    : EntityHandler<T>(db, new PromotionValidator<T>(validator)) where T : Promotion
{
    /// <summary>Integrations only (the access policy): they see all.</summary>
    public override bool HidesNothing => true;

    protected override Task<T> NewAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        input.Require("name", "currency_code", "starts_at", "expires_at");
        var name = (string)input.Attributes["name"]!;
        var currency = (string)input.Attributes["currency_code"]!;
        var starts = (DateTimeOffset)input.Attributes["starts_at"]!;
        var expires = (DateTimeOffset)input.Attributes["expires_at"]!;
        Promotion promotion = typeof(T) == typeof(PercentageDiscountPromotion)
            ? new PercentageDiscountPromotion(name, currency, starts, expires, Required<int>(input, "percentage"))
            : typeof(T) == typeof(FixedAmountPromotion)
                ? new FixedAmountPromotion(name, currency, starts, expires, Required<long>(input, "fixed_amount_cents"))
                : new FreeShippingPromotion(name, currency, starts, expires);
        return Task.FromResult((T)promotion);
    }

    private static TValue Required<TValue>(ResourceInput input, string name)
    {
        input.Require(name);
        return (TValue)input.Attributes[name]!;
    }

    protected override Task ApplyAsync(T resource, ResourceInput input, CancellationToken cancellationToken)
    {
        resource.CurrencyCode = resource.CurrencyCode.ToUpperInvariant();
        if (input.HasTrigger(PromotionsResource.Disable))
            resource.Disable(clock.GetUtcNow());
        if (input.HasTrigger(PromotionsResource.Enable))
            resource.Enable();
        return Task.CompletedTask;
    }
}

internal sealed class PromotionValidator<T>(IValidator<Promotion> inner) : AbstractValidator<T> where T : Promotion
{
    public override FluentValidation.Results.ValidationResult Validate(ValidationContext<T> context) =>
        inner.Validate(new ValidationContext<Promotion>(context.InstanceToValidate));

    public override Task<FluentValidation.Results.ValidationResult> ValidateAsync(ValidationContext<T> context, CancellationToken cancellation = default) =>
        inner.ValidateAsync(new ValidationContext<Promotion>(context.InstanceToValidate), cancellation);
}

internal sealed class PromotionRulesValidator : AbstractValidator<Promotion>
{
    public PromotionRulesValidator()
    {
        RuleFor(p => p.Name).NotEmpty().MaximumLength(256);
        RuleFor(p => p.CurrencyCode).CurrencyCode();
        RuleFor(p => p.ExpiresAt).GreaterThan(p => p.StartsAt).WithMessage("expires_at must be after starts_at.");
        RuleFor(p => p.TotalUsageLimit).GreaterThan(0).When(p => p.TotalUsageLimit is not null);
        RuleFor(p => ((PercentageDiscountPromotion)p).Percentage).InclusiveBetween(1, 100).When(p => p is PercentageDiscountPromotion)
            .OverridePropertyName("Percentage");
        RuleFor(p => ((FixedAmountPromotion)p).FixedAmountCents).InclusiveBetween(1, 1_000_000_000_00).When(p => p is FixedAmountPromotion)
            .OverridePropertyName("FixedAmountCents");
    }
}
