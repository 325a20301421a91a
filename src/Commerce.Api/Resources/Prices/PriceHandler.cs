using Commerce.Api.Persistence;
using Commerce.Domain.Catalog;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Http;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.Prices;

internal sealed class PriceHandler(CommerceDbContext db, IValidator<Price> validator, RelationshipTargets targets) : EntityHandler<Price>(db, validator)
{
    /// <summary>The catalog: every caller sees all of it.</summary>
    public override bool HidesNothing => true;

    protected override async Task<Price> NewAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        input.Require("currency_code", "amount_cents");
        var sku = await targets.RequireAsync<Sku>(input, "sku");
        return new Price(sku, (string)input.Attributes["currency_code"]!, (long)input.Attributes["amount_cents"]!);
    }
}

internal sealed class PriceValidator : AbstractValidator<Price>
{
    public PriceValidator(CommerceDbContext db)
    {
        RuleFor(p => p.CurrencyCode).CurrencyCode()
            .MustAsync(async (price, currency, ct) => !await db.Prices.AnyAsync(p => p.SkuId == price.SkuId && p.CurrencyCode == currency && p.Id != price.Id, ct))
            .WithMessage("The SKU already has a price in this currency.");
        RuleFor(p => p.AmountCents).InclusiveBetween(0, 1_000_000_000_00);
        RuleFor(p => p.CompareAtAmountCents).InclusiveBetween(0, 1_000_000_000_00);
    }
}
