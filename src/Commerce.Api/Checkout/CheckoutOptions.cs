using Commerce.Api.Configuration;

namespace Commerce.Api.Checkout;

/// <summary>The <c>Checkout</c> configuration section: the hosted checkout page and every order's <c>checkout_url</c>.</summary>
public sealed class CheckoutOptions
{
    public const string Section = "Checkout";

    /// <summary>The base of every order's <c>checkout_url</c>: <c>{BaseUrl}/{order id}</c>. The page is served at <c>/checkout/{order id}</c>.</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1:5000/checkout";

    /// <summary>The public sales channel the page takes its token from (client id only, no secret).</summary>
    public string ClientId { get; set; } = "demo-sales-channel";

    /// <summary>A directory of the shop's own translation files (<c>it.json</c>, <c>pt.json</c>…): they replace or add the page's texts.</summary>
    public string? TranslationsDirectory { get; set; }

    public string UrlFor(string orderId) => $"{BaseUrl.TrimEnd('/')}/{orderId}";
}

/// <summary>The rules of the <c>Checkout</c> section: orders link to the page, and it takes its token with this public client id.</summary>
internal sealed class CheckoutOptionsValidator() : SectionValidator<CheckoutOptions>(CheckoutOptions.Section)
{
    protected override void Check(CheckoutOptions options, SectionProblems problems)
    {
        problems.HttpUrl(nameof(options.BaseUrl), options.BaseUrl);
        problems.NotBlank(nameof(options.ClientId), options.ClientId, "name the public sales channel the checkout page uses");
        if (!string.IsNullOrWhiteSpace(options.TranslationsDirectory) && !Directory.Exists(options.TranslationsDirectory))
            problems.Add($"{problems.Key(nameof(options.TranslationsDirectory))} is '{options.TranslationsDirectory}', which is not a directory");
    }
}
