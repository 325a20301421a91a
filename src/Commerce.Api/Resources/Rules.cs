using Commerce.Domain.Money;
using Commerce.Domain.Orders;
using FluentValidation;

namespace Commerce.Api.Resources;

/// <summary>Validation rules shared by several resources; the code lists are the domain's own.</summary>
internal static class Rules
{
    /// <summary>A currency the service can price and format (<see cref="Currencies"/>).</summary>
    public static IRuleBuilderOptions<T, string> CurrencyCode<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Must(Currencies.IsKnown)
            .WithMessage($"{{PropertyName}} must be one of the supported ISO 4217 codes: {string.Join(", ", Currencies.Codes.Order(StringComparer.Ordinal))}.");

    public static IRuleBuilderOptions<T, string> CountryCode<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(Countries.IsValid).WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");
}
