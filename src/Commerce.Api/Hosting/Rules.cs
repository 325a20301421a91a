using System.Text.RegularExpressions;
using FluentValidation;

namespace Commerce.Api.Hosting;

/// <summary>Validation rules shared by several resources.</summary>
internal static partial class Rules
{
    public static IRuleBuilderOptions<T, string> CurrencyCode<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Must(c => c is not null && CurrencyPattern().IsMatch(c)).WithMessage("{PropertyName} must be an ISO 4217 code such as EUR.");

    public static IRuleBuilderOptions<T, string> CountryCode<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(c => c is not null && CountryPattern().IsMatch(c)).WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();
}
