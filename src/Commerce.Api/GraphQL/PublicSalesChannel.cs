using System.Security.Claims;
using Commerce.Api.Authentication;
using Commerce.Api.Checkout;
using Commerce.Api.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.GraphQL;

/// <summary>
/// Who an anonymous request is on an endpoint with <see cref="AnonymousAccess.PublicSalesChannel"/>: the configured public
/// sales channel (<see cref="GraphQLOptions.PublicClientId"/>, else the checkout page's), with a sales channel's rights and
/// nothing more. Its row is looked up at most once a minute; a client that is not a public sales channel is never used.
/// </summary>
internal sealed class PublicSalesChannel(IServiceScopeFactory scopes, GraphQLOptions options, CheckoutOptions checkout, TimeProvider clock)
{
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);
    private (string ApplicationId, DateTimeOffset Until)? _found;

    public string ClientId => options.PublicClientId ?? checkout.ClientId;

    /// <summary>The caller an anonymous request acts as, or null when the configured client is missing or not a public sales channel.</summary>
    public async Task<ClaimsPrincipal?> PrincipalAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_found is not { } found || found.Until <= now)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
            var client = await db.ApplicationClients.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == ClientId, cancellationToken);
            if (client is null || client.Kind != ApplicationKinds.SalesChannel || !client.IsPublic)
                return null;
            found = (client.Id, now + Remembered);
            _found = found;
        }
        // Every anonymous request is its own caller (a fresh token id), as every anonymous token of /api is: the per-IP and
        // per-application limits hold them; one shared per-caller budget would let one shopper use up everybody's.
        var identity = new ClaimsIdentity(
        [
            new Claim("sub", ClientId),
            new Claim(Caller.KindClaim, ApplicationKinds.SalesChannel),
            new Claim(Caller.ApplicationClaim, found.ApplicationId),
            new Claim(Caller.TokenIdClaim, Guid.NewGuid().ToString()),
        ], authenticationType: "public-sales-channel");
        return new ClaimsPrincipal(identity);
    }
}
