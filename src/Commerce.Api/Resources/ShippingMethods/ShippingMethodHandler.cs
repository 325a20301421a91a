using Commerce.Api.Persistence;
using Commerce.Domain.Catalog;
using Commerce.JsonApi.Documents;
using FluentValidation;

namespace Commerce.Api.Resources.ShippingMethods;

internal sealed class ShippingMethodHandler(CommerceDbContext db, IValidator<ShippingMethod> validator) : EntityHandler<ShippingMethod>(db, validator)
{
    /// <summary>The catalog: every caller sees all of it.</summary>
    public override bool HidesNothing => true;

    protected override Task<ShippingMethod> NewAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        input.Require("name", "currency_code", "price_amount_cents");
        return Task.FromResult(new ShippingMethod((string)input.Attributes["name"]!, (string)input.Attributes["currency_code"]!,
            (long)input.Attributes["price_amount_cents"]!));
    }

    protected override Task ApplyAsync(ShippingMethod resource, ResourceInput input, CancellationToken cancellationToken)
    {
        if (input.TryGetAttribute<List<string>?>("country_codes", out var codes))
            resource.CountryCodes = codes ?? [];
        return Task.CompletedTask;
    }
}

internal sealed class ShippingMethodValidator : AbstractValidator<ShippingMethod>
{
    public ShippingMethodValidator()
    {
        RuleFor(m => m.Name).NotEmpty().MaximumLength(256);
        RuleFor(m => m.CurrencyCode).CurrencyCode();
        RuleFor(m => m.PriceAmountCents).InclusiveBetween(0, 1_000_000_000_00);
        RuleFor(m => m.FreeOverAmountCents).GreaterThanOrEqualTo(0);
        RuleForEach(m => m.CountryCodes).CountryCode();
        RuleFor(m => m.CountryCodes).Must(c => c.Count <= 250).WithMessage("country_codes lists at most 250 countries.");
    }
}
