namespace Commerce.Api.Resources.Organization;

/// <summary>The organization comes from configuration: one resource, the same for every caller, never written through the API.</summary>
internal sealed class OrganizationHandler(Organization organization) : ReadOnlyHandler<Organization>("the Organization configuration section")
{
    public override IQueryable<Organization> Query() => new[] { organization }.AsQueryable();

    public override bool HidesNothing => true;
}
