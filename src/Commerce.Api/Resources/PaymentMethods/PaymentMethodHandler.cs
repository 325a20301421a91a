using Commerce.Api.Persistence;
using Commerce.Domain.Catalog;
using Commerce.JsonApi.Documents;
using FluentValidation;

namespace Commerce.Api.Resources.PaymentMethods;

internal sealed class PaymentMethodHandler(CommerceDbContext db, IValidator<PaymentMethod> validator) : EntityHandler<PaymentMethod>(db, validator)
{
    /// <summary>The catalog: every caller sees all of it.</summary>
    public override bool HidesNothing => true;

    protected override Task<PaymentMethod> NewAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        input.Require("name", "payment_source_type", "currency_code");
        return Task.FromResult(new PaymentMethod((string)input.Attributes["name"]!, (string)input.Attributes["payment_source_type"]!,
            (string)input.Attributes["currency_code"]!, input.Attributes.GetValueOrDefault("gateway") as string));
    }
}

internal sealed class PaymentMethodValidator : AbstractValidator<PaymentMethod>
{
    public PaymentMethodValidator()
    {
        RuleFor(m => m.Name).NotEmpty().MaximumLength(256);
        RuleFor(m => m.CurrencyCode).CurrencyCode();
        RuleFor(m => m.PaymentSourceType).Must(t => PaymentMethodsResource.SourceTypes.Contains(t))
            .WithMessage("payment_source_type must be external_payments or wire_transfers.");
        RuleFor(m => m.Gateway).Must(g => g is null || PaymentMethodsResource.Gateways.Contains(g))
            .WithMessage("gateway must be test, external or null.");
        RuleFor(m => m.Gateway).Null().When(m => m.PaymentSourceType == "wire_transfers")
            .WithMessage("Wire transfers need no gateway: gateway must be null.");
        RuleFor(m => m.Gateway).NotNull().When(m => m.PaymentSourceType == "external_payments")
            .WithMessage("External payments are authorized through a gateway: set gateway to test or external.");
        RuleFor(m => m.PriceAmountCents).InclusiveBetween(0, 1_000_000_000_00);
    }
}
