using Commerce.Api.Persistence;
using Commerce.Domain.Promotions;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.Promotions;

/// <summary>
/// <c>promotions</c>: every promotion whatever its type, read only (integrations, as every promotion resource). Each one is
/// written with its own type (<c>percentage_discount_promotions</c>, …) and links, so a client changes it at its own endpoint.
/// </summary>
internal sealed class PromotionIndexHandler(CommerceDbContext db) : ReadOnlyHandler<Promotion>("the endpoint of the promotion's own type")
{
    public override IQueryable<Promotion> Query() => db.Promotions.AsQueryable();

    /// <summary>Integrations only (the access policy): they see all.</summary>
    public override bool HidesNothing => true;
}
