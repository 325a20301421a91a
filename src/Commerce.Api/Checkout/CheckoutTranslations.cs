using System.Text.Json;
using System.Text.RegularExpressions;

namespace Commerce.Api.Checkout;

/// <summary>
/// The checkout page's texts: one flat JSON object per language (<c>"key": "text"</c>, plain text, <c>{name}</c> for the
/// values the page fills in). English, Italian, German, French and Spanish are embedded (<c>Checkout/Page/i18n/</c>);
/// <see cref="CheckoutOptions.TranslationsDirectory"/> may hold a shop's own <c>&lt;language&gt;.json</c> files, whose keys
/// replace the embedded ones or add a language. Every language is completed with the English texts it lacks.
/// </summary>
internal static partial class CheckoutTranslations
{
    public const string Fallback = "en";

    /// <summary>Letters of every script as they are (not \uXXXX); HTML-sensitive characters still escaped.</summary>
    private static readonly JsonSerializerOptions Output = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>Each language's merged texts, as the JSON the page fetches.</summary>
    public static IReadOnlyDictionary<string, byte[]> Load(string? directory)
    {
        var languages = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var name in CheckoutFiles.EmbeddedNames("i18n."))
            Merge(languages, LanguageOf(name["i18n.".Length..]), CheckoutFiles.Read(name), $"the embedded {name}");
        if (!string.IsNullOrWhiteSpace(directory))
        {
            if (!Directory.Exists(directory))
                throw new InvalidOperationException($"Checkout:TranslationsDirectory is '{directory}', which is not a directory.");
            foreach (var path in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
                Merge(languages, LanguageOf(Path.GetFileName(path)), File.ReadAllBytes(path), path);
        }
        var english = languages[Fallback];
        return languages.ToDictionary(l => l.Key, l =>
        {
            var texts = new Dictionary<string, string>(english, StringComparer.Ordinal);
            foreach (var (key, text) in l.Value)
                texts[key] = text;
            return JsonSerializer.SerializeToUtf8Bytes(new SortedDictionary<string, string>(texts, StringComparer.Ordinal), Output);
        }, StringComparer.Ordinal);
    }

    private static string LanguageOf(string fileName)
    {
        var language = Path.GetFileNameWithoutExtension(fileName).ToLowerInvariant();
        return LanguageCode().IsMatch(language)
            ? language
            : throw new InvalidOperationException($"The checkout translation file '{fileName}' is not named after a language: use e.g. it.json or pt-br.json.");
    }

    private static void Merge(Dictionary<string, Dictionary<string, string>> languages, string language, byte[] json, string source)
    {
        Dictionary<string, string>? texts;
        try
        {
            texts = JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"The checkout translations in {source} are not a JSON object of texts (\"key\": \"text\"): {exception.Message}", exception);
        }
        if (!languages.TryGetValue(language, out var merged))
            languages[language] = merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, text) in texts ?? [])
            merged[key] = text ?? "";
    }

    [GeneratedRegex("^[a-z]{2,3}(-[a-z0-9]{2,8})?$")]
    private static partial Regex LanguageCode();
}
