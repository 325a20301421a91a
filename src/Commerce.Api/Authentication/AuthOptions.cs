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
