using System.Text.RegularExpressions;

namespace Commerce.Api.Configuration;

/// <summary>
/// Binds one configuration section to its options class, and words each value the binder cannot convert as a sentence
/// that names the key (<c>Payments:ReconcileAfterSeconds is 'five': expected a number</c>), not a binder's stack trace.
/// A value that cannot be converted is left at its default and the rest of the section is still bound, so that every
/// wrong value is named at once.
/// </summary>
public static partial class SectionBinder
{
    public static T Bind<T>(IConfiguration configuration, string section, ICollection<string> problems) where T : new()
    {
        var unconvertible = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            // A fresh instance each time: binding appends to the lists an earlier attempt filled.
            var options = new T();
            try
            {
                Section(configuration, section, unconvertible).Bind(options);
                return options;
            }
            catch (InvalidOperationException exception) when (FailedBinding().Match(exception.Message) is { Success: true } failed
                && unconvertible.Add(failed.Groups["key"].Value))
            {
                var key = failed.Groups["key"].Value;
                problems.Add(Describe(key, configuration[key], TypeAt(typeof(T), key.Split(':').Skip(section.Split(':').Length))));
            }
        }
    }

    /// <summary>The section, without the values already found unconvertible.</summary>
    private static IConfigurationSection Section(IConfiguration configuration, string section, HashSet<string> without) =>
        without.Count == 0
            ? configuration.GetSection(section)
            : new ConfigurationBuilder()
                .AddInMemoryCollection(configuration.GetSection(section).AsEnumerable().Where(pair => !without.Contains(pair.Key)))
                .Build().GetSection(section);

    /// <summary>The type of the member a key names below the options class: a property, or a list's item.</summary>
    private static Type? TypeAt(Type type, IEnumerable<string> path)
    {
        foreach (var segment in path)
        {
            var property = type.GetProperty(segment, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            var item = type.IsGenericType ? type.GetGenericArguments()[^1] : type.GetElementType();
            var next = property?.PropertyType ?? item;
            if (next is null)
                return null;
            type = next;
        }
        return type;
    }

    private static string Describe(string key, string? text, Type? type)
    {
        if (string.IsNullOrWhiteSpace(text))
            return $"{key} is empty";
        if (type is null)
            return $"{key} is '{text}': it cannot be read";
        var expected = Nullable.GetUnderlyingType(type) ?? type;
        return expected switch
        {
            _ when expected == typeof(double) || expected == typeof(decimal) => $"{key} is '{text}': expected a number",
            _ when expected == typeof(int) || expected == typeof(long) => $"{key} is '{text}': expected a whole number",
            _ when expected == typeof(bool) => $"{key} is '{text}': expected true or false",
            _ when expected == typeof(TimeSpan) => $"{key} is '{text}': use a duration such as 00:00:30",
            _ when expected == typeof(Uri) => $"{key} is '{text}': expected an absolute http or https URL",
            { IsEnum: true } => $"{key} is '{text}': use {OneOf(Enum.GetNames(expected))}",
            _ => $"{key} is '{text}': it cannot be read as {expected.Name}",
        };
    }

    private static string OneOf(string[] names) => names.Length == 1 ? names[0] : string.Join(", ", names[..^1]) + " or " + names[^1];

    /// <summary>The binder's own message (Microsoft.Extensions.Configuration.Binder's Error_FailedBinding), which names the key.</summary>
    [GeneratedRegex("^Failed to convert configuration value (?:'.*' )?at '(?<key>[^']+)' to type ", RegexOptions.Singleline)]
    private static partial Regex FailedBinding();
}
