using System.Globalization;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Configuration;

/// <summary>
/// The rules of one configuration section, checked on its bound options: each broken rule is one sentence that names the
/// key (<c>Payments:GatewayTimeoutSeconds is 0: it must be between 0.1 and 300</c>), all of them at once.
/// </summary>
public abstract class SectionValidator<T>(string section) : IValidateOptions<T> where T : class
{
    public string Section { get; } = section;

    public ValidateOptionsResult Validate(string? name, T options)
    {
        var problems = new SectionProblems(Section);
        Check(options, problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    protected abstract void Check(T options, SectionProblems problems);
}

/// <summary>The broken rules of one section, with the checks that word them; keys are relative to the section.</summary>
public sealed class SectionProblems(string section) : List<string>
{
    public string Key(string key) => $"{section}:{key}";

    /// <summary>True when <paramref name="value"/> lies within [min, max]; otherwise says so.</summary>
    public bool Between(string key, double value, double min, double max)
    {
        if (value >= min && value <= max)
            return true;
        Add($"{Key(key)} is {Text(value)}: it must be between {Text(min)} and {Text(max)}");
        return false;
    }

    /// <summary>Absent is fine; present, it is an absolute http or https URL.</summary>
    public void HttpUrl(string key, string? value)
    {
        if (!string.IsNullOrEmpty(value) && (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            Add($"{Key(key)} is '{value}': expected an absolute http or https URL");
    }

    public void HttpUrl(string key, Uri? value) => HttpUrl(key, value?.OriginalString);

    /// <summary>Set but blank is refused, with what to put there.</summary>
    public void NotBlank(string key, string? value, string what)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
            Add($"{Key(key)} is empty: {what}");
    }

    public static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
