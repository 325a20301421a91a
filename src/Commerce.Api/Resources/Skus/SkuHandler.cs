using Commerce.Api.Persistence;
using Commerce.Domain.Catalog;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Resources;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.Skus;

internal sealed class SkuHandler(CommerceDbContext db, IValidator<Sku> validator) : EntityHandler<Sku>(db, validator)
{
    /// <summary>The catalog: every caller sees all of it.</summary>
    public override bool HidesNothing => true;

    /// <summary>The stock item rides along: <c>inventory</c> is computed from it.</summary>
    public override IQueryable<Sku> Query() => Db.Skus.Include(s => s.StockItem);

    protected override Task<Sku> NewAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        input.Require("code", "name");
        return Task.FromResult(new Sku((string)input.Attributes["code"]!, (string)input.Attributes["name"]!));
    }

    /// <summary>A new <c>code</c> is copied into the SKU's prices (their <c>sku_code</c>), in the same save.</summary>
    protected override async Task ApplyAsync(Sku resource, ResourceInput input, CancellationToken cancellationToken)
    {
        if (input.Operation == WriteOperation.Update && input.TryGetAttribute<string?>("code", out var code) && code != resource.Code)
        {
            await Db.Entry(resource).Collection(s => s.Prices).LoadAsync(cancellationToken);
            resource.ChangeCode(code ?? "");
        }
    }
}

internal sealed class SkuValidator : AbstractValidator<Sku>
{
    public SkuValidator(CommerceDbContext db)
    {
        RuleFor(s => s.Code).NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9._-]+$")
            .WithMessage("code may hold letters, digits, '.', '_' and '-' only.")
            .MustAsync(async (sku, code, ct) => !await db.Skus.AnyAsync(s => s.Code == code && s.Id != sku.Id, ct))
            .WithMessage("code has already been taken.");
        RuleFor(s => s.Name).NotEmpty().MaximumLength(256);
        RuleFor(s => s.Description).MaximumLength(2048);
        RuleFor(s => s.ImageUrl).MaximumLength(2048)
            .Must(u => u is null || Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            .WithMessage("image_url must be an absolute http(s) URL.");
        RuleFor(s => s.PiecesPerPack).InclusiveBetween(1, 10_000);
        RuleFor(s => s.WeightGrams).GreaterThanOrEqualTo(0);
    }
}
