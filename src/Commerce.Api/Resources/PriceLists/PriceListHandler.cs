using Commerce.Api.Persistence;
using Commerce.Domain.Catalog;
using Commerce.JsonApi.Documents;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.PriceLists;

internal sealed class PriceListHandler(CommerceDbContext db, IValidator<PriceList> validator) : EntityHandler<PriceList>(db, validator)
{
    /// <summary>The catalog: every caller sees all of it.</summary>
    public override bool HidesNothing => true;

    protected override Task<PriceList> NewAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        input.Require("name", "currency_code");
        input.TryGetAttribute<bool?>("tax_included", out var taxIncluded);
        return Task.FromResult(new PriceList((string)input.Attributes["name"]!, (string)input.Attributes["currency_code"]!, taxIncluded ?? true));
    }
}

internal sealed class PriceListValidator : AbstractValidator<PriceList>
{
    public PriceListValidator(CommerceDbContext db)
    {
        RuleFor(l => l.Name).NotEmpty().MaximumLength(256);
        RuleFor(l => l.Code).MaximumLength(64).Matches("^[A-Za-z0-9._-]+$").WithMessage("code may hold letters, digits, '.', '_' and '-' only.")
            .MustAsync(async (list, code, ct) => code is null || !await db.PriceLists.AnyAsync(l => l.Code == code && l.Id != list.Id, ct))
            .WithMessage("code has already been taken.");
        RuleFor(l => l.CurrencyCode).CurrencyCode();
    }
}
