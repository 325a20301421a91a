using Commerce.Api.Authentication;
using Commerce.Api.Persistence;
using Commerce.Domain.Catalog;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Http;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.PaymentMethods;

internal sealed class PaymentMethodHandler(CommerceDbContext db, IValidator<PaymentMethod> validator, RelationshipTargets targets, Caller caller)
    : EntityHandler<PaymentMethod>(db, validator)
{
    /// <summary>The catalog: every caller sees all of it, except that a market-scoped token does not see the methods of other markets.</summary>
    public override IQueryable<PaymentMethod> Query() => caller.MarketId is { } market
        ? Db.Set<PaymentMethod>().Where(m => m.MarketId == null || m.MarketId == market)
        : Db.Set<PaymentMethod>();

    public override bool HidesNothing => caller.MarketId is null;

    protected override Task<PaymentMethod> NewAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        input.Require("name", "payment_source_type", "currency_code");
        return Task.FromResult(new PaymentMethod((string)input.Attributes["name"]!, (string)input.Attributes["payment_source_type"]!,
            (string)input.Attributes["currency_code"]!, input.Attributes.GetValueOrDefault("gateway") as string));
    }

    protected override async Task ApplyAsync(PaymentMethod resource, ResourceInput input, CancellationToken cancellationToken)
    {
        if (input.TryGetRelationship("market", out var market))
            resource.RestrictToMarket(await targets.FindAsync<Market>(market));
    }
}

internal sealed class PaymentMethodValidator : AbstractValidator<PaymentMethod>
{
    public PaymentMethodValidator(CommerceDbContext db)
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
        RuleFor(m => m.Market).MustAsync(async (method, market, ct) => market is null
                || await db.PriceLists.AnyAsync(l => l.Id == market.PriceListId && l.CurrencyCode == method.CurrencyCode, ct))
            .WithMessage("The market sells in another currency than the method's currency_code.");
    }
}
