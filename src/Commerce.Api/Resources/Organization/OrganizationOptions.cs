using System.Text.Json;
using System.Text.Json.Nodes;
using Commerce.Api.Configuration;

namespace Commerce.Api.Resources.Organization;

/// <summary>
/// The <c>Organization</c> configuration section: who runs the shop, as <c>GET /api/organization</c> shows it (the hosted
/// checkout page takes its branding from there). <c>Config</c> is free JSON (nested keys), served as an object.
/// </summary>
public sealed class OrganizationOptions
{
    public const string Section = "Organization";

    /// <summary>The organization's id on the wire; defaults to its slug.</summary>
    public string? Id { get; set; }
    public string Name { get; set; } = "Commerce";
    /// <summary>Lowercase letters, digits and dashes, as Commerce Layer's organization slugs.</summary>
    public string Slug { get; set; } = "commerce";
    public string? Domain { get; set; }
    public string? SupportEmail { get; set; }
    public string? SupportPhone { get; set; }
    public string? LogoUrl { get; set; }
    public string? FaviconUrl { get; set; }
    /// <summary>A CSS hex colour, <c>#RRGGBB</c> or <c>#RGB</c>.</summary>
    public string? PrimaryColor { get; set; }
}

/// <summary>The rules of the <c>Organization</c> section.</summary>
internal sealed class OrganizationOptionsValidator() : SectionValidator<OrganizationOptions>(OrganizationOptions.Section)
{
    protected override void Check(OrganizationOptions options, SectionProblems problems)
    {
        if (string.IsNullOrWhiteSpace(options.Name))
            problems.Add($"{problems.Key(nameof(options.Name))} is empty: name the organization");
        if (!System.Text.RegularExpressions.Regex.IsMatch(options.Slug ?? "", "^[a-z0-9]+(-[a-z0-9]+)*$"))
            problems.Add($"{problems.Key(nameof(options.Slug))} is '{options.Slug}': use lowercase letters, digits and dashes");
        problems.HttpUrl(nameof(options.LogoUrl), options.LogoUrl);
        problems.HttpUrl(nameof(options.FaviconUrl), options.FaviconUrl);
        if (options.PrimaryColor is { } color && !System.Text.RegularExpressions.Regex.IsMatch(color, "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"))
            problems.Add($"{problems.Key(nameof(options.PrimaryColor))} is '{color}': use a hex colour such as #1A73E8");
        if (options.SupportEmail is { } email && !Commerce.Domain.Orders.EmailAddress.IsWellFormed(email))
            problems.Add($"{problems.Key(nameof(options.SupportEmail))} is '{email}': expected an email address");
    }
}

/// <summary>The organization, as served: the section's values and its <c>Config</c> subsection as a JSON object.</summary>
public sealed class Organization
{
    public Organization(OrganizationOptions options, IConfiguration configuration)
    {
        Id = string.IsNullOrWhiteSpace(options.Id) ? options.Slug : options.Id;
        Name = options.Name;
        Slug = options.Slug;
        Domain = options.Domain;
        SupportEmail = options.SupportEmail;
        SupportPhone = options.SupportPhone;
        LogoUrl = options.LogoUrl;
        FaviconUrl = options.FaviconUrl;
        PrimaryColor = options.PrimaryColor;
        var config = configuration.GetSection($"{OrganizationOptions.Section}:Config");
        Config = config.Exists() ? JsonSerializer.SerializeToElement(ToNode(config)) : null;
    }

    public string Id { get; }
    public string Name { get; }
    public string Slug { get; }
    public string? Domain { get; }
    public string? SupportEmail { get; }
    public string? SupportPhone { get; }
    public string? LogoUrl { get; }
    public string? FaviconUrl { get; }
    public string? PrimaryColor { get; }
    /// <summary>Free configuration for clients (Commerce Layer's <c>config</c>: e.g. the storefront's links); null when not set.</summary>
    public JsonElement? Config { get; }

    /// <summary>A configuration subtree as JSON: sections become objects, values strings (configuration has no other types).</summary>
    private static JsonNode? ToNode(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
            return section.Value is null ? null : JsonValue.Create(section.Value);
        var node = new JsonObject();
        foreach (var child in children)
            node[child.Key] = ToNode(child);
        return node;
    }
}
