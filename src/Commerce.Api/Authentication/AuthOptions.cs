using Commerce.Api.Configuration;

namespace Commerce.Api.Authentication;

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The <c>iss</c> of every token, and what tokens are checked against.</summary>
    public string Issuer { get; set; } = "http://127.0.0.1:5000/";

    public double AccessTokenLifetimeMinutes { get; set; } = 120;

    public double RefreshTokenLifetimeDays { get; set; } = 30;

    /// <summary>
    /// Where the signing key (RSA, PEM) and the refresh-token encryption key live. Created on first start
    /// when missing (default <c>App_Data/keys</c> under the content root, outside git). Every instance of
    /// one deployment must share them.
    /// </summary>
    public string KeyDirectory { get; set; } = "App_Data/keys";

    /// <summary>Seeded with the demo data: clients whose credentials the README shows.</summary>
    public List<DemoApplication> DemoApplications { get; set; } = [];
}

public sealed class DemoApplication
{
    public string Name { get; set; } = string.Empty;
    public string Kind { get; set; } = ApplicationKinds.Integration;
    public string ClientId { get; set; } = string.Empty;
    public string? ClientSecret { get; set; }
}

/// <summary>The rules of the <c>Auth</c> section.</summary>
internal sealed class AuthOptionsValidator() : SectionValidator<AuthOptions>(AuthOptions.Section)
{
    protected override void Check(AuthOptions options, SectionProblems problems)
    {
        if (string.IsNullOrWhiteSpace(options.Issuer))
            problems.NotBlank(nameof(options.Issuer), options.Issuer, "set the service's public base URL, e.g. https://shop.example.com/");
        else
            problems.HttpUrl(nameof(options.Issuer), options.Issuer);
        problems.Between(nameof(options.AccessTokenLifetimeMinutes), options.AccessTokenLifetimeMinutes, 1, 24 * 60);
        problems.Between(nameof(options.RefreshTokenLifetimeDays), options.RefreshTokenLifetimeDays, 0.01, 365);
        problems.NotBlank(nameof(options.KeyDirectory), options.KeyDirectory, "name the folder that holds the signing keys");
    }
}
