using Commerce.Api.Authentication;
using Commerce.Api.Persistence;
using Commerce.Domain.Catalog;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.Prices;

/// <summary>
/// <c>prices</c>: every caller sees the catalog, except that a market-scoped token sees only its market's price list.
/// A new price names its <c>price_list</c>; for clients that predate price lists, a <c>currency_code</c> alone picks the
/// price list of the default market when it is in that currency, else the only list in it.
/// </summary>
internal sealed class PriceHandler(CommerceDbContext db, IValidator<Price> validator, RelationshipTargets targets, Caller caller) : EntityHandler<Price>(db, validator)
{
    public override IQueryable<Price> Query() => caller.MarketId is { } market
        ? Db.Prices.Where(p => Db.Markets.Any(m => m.Id == market && m.PriceListId == p.PriceListId))
        : Db.Prices;

    public override bool HidesNothing => caller.MarketId is null;

    protected override async Task<Price> NewAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        input.Require("amount_cents");
        var sku = await targets.RequireAsync<Sku>(input, "sku");
        input.TryGetAttribute<string?>("currency_code", out var currency);
        PriceList list;
        if (input.TryGetRelationship("price_list", out var named))
        {
            list = await targets.FindAsync<PriceList>(named)
                ?? throw JsonApiException.Invalid(named.Pointer, "price_list can't be blank.");
            if (currency is not null && !string.Equals(currency, list.CurrencyCode, StringComparison.OrdinalIgnoreCase))
                throw JsonApiException.Invalid(ResourceInput.AttributePointer("currency_code"),
                    $"currency_code {currency} contradicts the price list, which is in {list.CurrencyCode}: leave it out, a price takes its list's currency.");
        }
        else if (currency is not null)
            list = await ListInCurrencyAsync(currency, cancellationToken);
        else
            throw JsonApiException.Invalid(ResourceInput.RelationshipPointer("price_list"), "price_list can't be blank.");
        return new Price(sku, list, (long)input.Attributes["amount_cents"]!);
    }

    private async Task<PriceList> ListInCurrencyAsync(string currency, CancellationToken cancellationToken)
    {
        var code = currency.ToUpperInvariant();
        var lists = await Db.PriceLists.Where(l => l.CurrencyCode == code).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).Take(2).ToListAsync(cancellationToken);
        if (lists.Count == 1)
            return lists[0];
        var pointer = ResourceInput.AttributePointer("currency_code");
        if (lists.Count == 0)
            throw JsonApiException.Invalid(pointer, $"No price list is in {currency}: create one (price_lists), or name the price list.");
        throw JsonApiException.Invalid(ResourceInput.RelationshipPointer("price_list"),
            $"Several price lists are in {currency}: name the price list.");
    }
}

internal sealed class PriceValidator : AbstractValidator<Price>
{
    public PriceValidator(CommerceDbContext db)
    {
        RuleFor(p => p.PriceListId)
            .MustAsync(async (price, list, ct) => !await db.Prices.AnyAsync(p => p.SkuId == price.SkuId && p.PriceListId == list && p.Id != price.Id, ct))
            .WithMessage("The SKU already has a price in this price list.")
            .OverridePropertyName("PriceList");
        RuleFor(p => p.AmountCents).InclusiveBetween(0, 1_000_000_000_00);
        RuleFor(p => p.CompareAtAmountCents).InclusiveBetween(0, 1_000_000_000_00);
    }
}
