using Commerce.Api.Persistence;
using Commerce.Domain.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Authentication;

/// <summary>
/// Commerce Layer's token <c>scope</c>: <c>market:id:&lt;id&gt;</c> or <c>market:code:&lt;code&gt;</c> scopes a token to one
/// market (it creates orders in it and sees only its prices). <c>offline_access</c> may ride along (customers get a refresh
/// token anyway); anything else, two markets, or a market that is unknown or disabled is <c>invalid_scope</c>.
/// </summary>
internal static class MarketScopes
{
    public const string ById = "market:id:";
    public const string ByCode = "market:code:";
    private const string OfflineAccess = "offline_access";

    /// <summary>The market the scope names, or why the scope is refused. A blank scope names none (and is no error).</summary>
    public static async Task<(Market? Market, string? MarketScope, string? Refusal)> ResolveAsync(CommerceDbContext db, string? scope, CancellationToken cancellationToken)
    {
        var parts = (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => p != OfflineAccess).ToList();
        if (parts.Count == 0)
            return (null, null, null);
        if (parts.Count > 1)
            return (null, null, "Name one market in the scope: market:id:<id> or market:code:<code>.");
        var part = parts[0];
        Market? market;
        if (part.StartsWith(ById, StringComparison.Ordinal) && part.Length > ById.Length)
        {
            var id = part[ById.Length..];
            market = await db.Markets.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        }
        else if (part.StartsWith(ByCode, StringComparison.Ordinal) && part.Length > ByCode.Length)
        {
            var code = part[ByCode.Length..];
            market = await db.Markets.AsNoTracking().FirstOrDefaultAsync(m => m.Code == code, cancellationToken);
        }
        else
            return (null, null, "The scope is not supported: use market:id:<id> or market:code:<code>.");
        if (market is null)
            return (null, null, "The scope names no market.");
        if (!market.IsEnabled)
            return (null, null, "The scope's market is disabled.");
        return (market, part, null);
    }
}
