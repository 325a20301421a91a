using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Resources.Organization;

/// <summary><c>organizations</c>: the singleton <c>GET /api/organization</c>, who runs the shop (from configuration).</summary>
internal static class OrganizationResource
{
    public static void Define(ResourceGraphBuilder graph) => graph.Add<Organization, OrganizationHandler>("organizations", o => o.Id, r => r
        .Describe("The organization that runs the service: its name, support contacts and branding, set in the Organization configuration section. "
            + "A singleton: GET /api/organization; every token may read it.")
        .Singleton("organization")
        .Computed("name", o => o.Name)
        .Computed("slug", o => o.Slug)
        .Computed("domain", o => o.Domain)
        .Computed("support_email", o => o.SupportEmail)
        .Computed("support_phone", o => o.SupportPhone)
        .Computed("logo_url", o => o.LogoUrl)
        .Computed("favicon_url", o => o.FaviconUrl)
        .Computed("primary_color", o => o.PrimaryColor)
        .Computed("config", o => o.Config, "Free JSON for clients (Organization:Config), e.g. a storefront's links; null when not set."));
}
