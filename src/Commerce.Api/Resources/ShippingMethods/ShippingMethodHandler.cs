using Commerce.Api.Hosting;
using Commerce.Api.Persistence;
using Commerce.Domain.Catalog;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Resources;
using FluentValidation;

namespace Commerce.Api.ShippingMethods;

/// <summary><c>shipping_methods</c>: how an order travels, what it costs, where it goes.</summary>
internal static class ShippingMethodsResource
{
    public static void Define(ResourceGraphBuilder graph) => graph.Add<ShippingMethod>("shipping_methods", m => m.Id, r => r
        .Describe("A way to ship an order, with its price and the countries it serves.")
        .Attribute(m => m.Name, Can.All)
        .Attribute(m => m.CurrencyCode, Can.All)
        .Attribute(m => m.PriceAmountCents, Can.All)
        .Attribute(m => m.FreeOverAmountCents, Can.All, description: "Shipping is free when the order subtotal reaches this amount.")
        .Attribute(m => m.CountryCodes, Can.Read | Can.Write, description: "ISO 3166-1 alpha-2 codes served; empty serves every country.")
        .Attribute(m => m.DisabledAt, Can.All)
        .Attribute(m => m.Reference, Can.All)
        .WithTimestamps());
}

internal sealed class ShippingMethodRepository(CommerceDbContext db, IValidator<ShippingMethod> validator) : EntityRepository<ShippingMethod>(db, validator)
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
