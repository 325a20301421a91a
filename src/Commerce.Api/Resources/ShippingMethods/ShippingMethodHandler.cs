using Commerce.Api.Authentication;
using Commerce.Api.Persistence;
using Commerce.Domain.Catalog;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Http;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.ShippingMethods;

internal sealed class ShippingMethodHandler(CommerceDbContext db, IValidator<ShippingMethod> validator, RelationshipTargets targets, Caller caller)
    : EntityHandler<ShippingMethod>(db, validator)
{
    /// <summary>The catalog: every caller sees all of it, except that a market-scoped token does not see the methods of other markets.</summary>
    public override IQueryable<ShippingMethod> Query() => caller.MarketId is { } market
        ? Db.Set<ShippingMethod>().Where(m => m.MarketId == null || m.MarketId == market)
        : Db.Set<ShippingMethod>();

    public override bool HidesNothing => caller.MarketId is null;

    protected override Task<ShippingMethod> NewAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        input.Require("name", "currency_code", "price_amount_cents");
        return Task.FromResult(new ShippingMethod((string)input.Attributes["name"]!, (string)input.Attributes["currency_code"]!,
            (long)input.Attributes["price_amount_cents"]!));
    }

    protected override async Task ApplyAsync(ShippingMethod resource, ResourceInput input, CancellationToken cancellationToken)
    {
        if (input.TryGetAttribute<List<string>?>("country_codes", out var codes))
            resource.CountryCodes = codes ?? [];
        if (input.TryGetRelationship("market", out var market))
            resource.RestrictToMarket(await targets.FindAsync<Market>(market));
    }
}

internal sealed class ShippingMethodValidator : AbstractValidator<ShippingMethod>
{
    public ShippingMethodValidator(CommerceDbContext db)
    {
        RuleFor(m => m.Name).NotEmpty().MaximumLength(256);
        RuleFor(m => m.CurrencyCode).CurrencyCode();
        RuleFor(m => m.PriceAmountCents).InclusiveBetween(0, 1_000_000_000_00);
        RuleFor(m => m.Market).MustAsync(async (method, market, ct) => market is null
                || await db.PriceLists.AnyAsync(l => l.Id == market.PriceListId && l.CurrencyCode == method.CurrencyCode, ct))
            .WithMessage("The market sells in another currency than the method's currency_code.");
        RuleFor(m => m.FreeOverAmountCents).GreaterThanOrEqualTo(0);
        RuleForEach(m => m.CountryCodes).CountryCode();
        RuleFor(m => m.CountryCodes).Must(c => c.Count <= 250).WithMessage("country_codes lists at most 250 countries.");
    }
}
