using Commerce.Api.Persistence;
using Commerce.Domain.Catalog;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.Markets;

/// <summary>
/// <c>markets</c>: every caller may read them (a storefront picks its market); integrations write them. A new market gets
/// the next free <c>number</c>; two created at once may collide on it, and the second is 409 (the unique index), to retry.
/// </summary>
internal sealed class MarketHandler(CommerceDbContext db, IValidator<Market> validator, RelationshipTargets targets) : EntityHandler<Market>(db, validator)
{
    public override bool HidesNothing => true;

    protected override async Task<Market> NewAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        input.Require("name");
        var list = await targets.RequireAsync<PriceList>(input, "price_list");
        var market = new Market((string)input.Attributes["name"]!, list);
        market.AssignNumber((await Db.Markets.MaxAsync(m => (int?)m.Number, cancellationToken) ?? 0) + 1);
        return market;
    }

    protected override async Task ApplyAsync(Market resource, ResourceInput input, CancellationToken cancellationToken)
    {
        if (input.Operation == Commerce.JsonApi.Resources.WriteOperation.Update && input.TryGetRelationship("price_list", out var named))
            resource.UsePriceList(await targets.FindAsync<PriceList>(named)
                ?? throw JsonApiException.Invalid(named.Pointer, "price_list can't be blank: a market sells at one price list's prices."));
    }
}

internal sealed class MarketValidator : AbstractValidator<Market>
{
    public MarketValidator(CommerceDbContext db)
    {
        RuleFor(m => m.Name).NotEmpty().MaximumLength(256);
        RuleFor(m => m.Code).MaximumLength(64).Matches("^[A-Za-z0-9._-]+$").WithMessage("code may hold letters, digits, '.', '_' and '-' only.")
            .MustAsync(async (market, code, ct) => code is null || !await db.Markets.AnyAsync(m => m.Code == code && m.Id != market.Id, ct))
            .WithMessage("code has already been taken.");
        RuleFor(m => m.CheckoutUrl).MaximumLength(2048)
            .Must(u => u is null || Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            .WithMessage("checkout_url must be an absolute http(s) URL.");
    }
}
