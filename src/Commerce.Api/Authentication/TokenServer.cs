using System.Security.Claims;
using System.Text.Json;
using Commerce.Api.Persistence;
using Microsoft.AspNetCore;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Commerce.Api.Authentication;

/// <summary>
/// <c>POST /oauth/token</c>, served by OpenIddict in degraded mode: OpenIddict speaks the protocol (request
/// parsing, OAuth 2 errors, JWT access tokens signed with our key, encrypted refresh tokens), and the two
/// handlers below decide who gets a token. Degraded mode because Commerce Layer's public sales channels
/// use <c>client_credentials</c> with a client id only, which OpenIddict's own client validation refuses.
/// </summary>
internal static class TokenServer
{
    public const string TokenPath = "/oauth/token";

    /// <summary>The <c>aud</c> of every access token, checked by the bearer handler with the type (<c>at+jwt</c>).</summary>
    public const string Audience = "commerce-api";

    /// <summary>The JWT type (<c>typ</c> header) of OpenIddict's access tokens (RFC 9068); the bearer handler accepts no other.</summary>
    public const string AccessTokenType = "at+jwt";

    public static void Configure(OpenIddictServerBuilder server, AuthOptions options, KeyRing keys)
    {
        server.SetTokenEndpointUris(TokenPath.TrimStart('/'))
            .AllowClientCredentialsFlow()
            .AllowPasswordFlow()
            .AllowRefreshTokenFlow()
            .EnableDegradedMode()
            .DisableScopeValidation()
            .DisableAccessTokenEncryption()
            .SetIssuer(new Uri(options.Issuer))
            .SetAccessTokenLifetime(TimeSpan.FromMinutes(options.AccessTokenLifetimeMinutes))
            .SetRefreshTokenLifetime(TimeSpan.FromDays(options.RefreshTokenLifetimeDays))
            .AddSigningKey(keys.Signing)
            .AddEncryptionKey(keys.Encryption);
        server.UseAspNetCore().DisableTransportSecurityRequirement();
        // OpenIddict demands a secret with client_credentials; a public sales channel has none.
        // ValidateTokenRequest below still requires the secret of every confidential client.
        server.RemoveEventHandler(OpenIddictServerHandlers.Exchange.ValidateClientCredentialsParameters.Descriptor);
        server.AddEventHandler<ExtractTokenRequestContext>(b => b.UseSingletonHandler<RefuseUnreadableParameters>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractBasicAuthenticationCredentials<ExtractTokenRequestContext>.Descriptor.Order + 1_000));
        server.AddEventHandler<ValidateTokenRequestContext>(b => b.UseScopedHandler<ValidateTokenRequest>());
        server.AddEventHandler<HandleTokenRequestContext>(b => b.UseScopedHandler<HandleTokenRequest>());
        server.AddEventHandler<ApplyTokenResponseContext>(b => b.UseSingletonHandler<EchoScope>());
    }

    /// <summary>The <see cref="HttpContext.Items"/> key under which the request parsing leaves why a parameter is not readable.</summary>
    public const string UnreadableParameter = "Commerce.TokenRequest.UnreadableParameter";

    /// <summary>A parameter that is not text (see <see cref="AuthServiceCollectionExtensions.UseTokenRequestParsing"/>): 400 <c>invalid_request</c>.</summary>
    private sealed class RefuseUnreadableParameters : IOpenIddictServerHandler<ExtractTokenRequestContext>
    {
        public ValueTask HandleAsync(ExtractTokenRequestContext context)
        {
            if (context.Transaction.GetHttpRequest()?.HttpContext.Items[UnreadableParameter] is string description)
                context.Reject(Errors.InvalidRequest, description);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Checks the client (and for <c>password</c>, the customer) before anything is issued.</summary>
    private sealed class ValidateTokenRequest(CommerceDbContext db, CustomerPasswords passwords) : IOpenIddictServerHandler<ValidateTokenRequestContext>
    {
        public async ValueTask HandleAsync(ValidateTokenRequestContext context)
        {
            var client = context.ClientId is { Length: > 0 } id
                ? await db.ApplicationClients.AsNoTracking().FirstOrDefaultAsync(a => a.ClientId == id, context.CancellationToken)
                : null;
            if (client is null)
            {
                context.Reject(Errors.InvalidClient, "The client is unknown.");
                return;
            }
            if (!client.IsPublic && !Secrets.Verify(client.SecretHash, context.ClientSecret))
            {
                context.Reject(Errors.InvalidClient, "The client secret is missing or wrong.");
                return;
            }
            if (context.Request.IsPasswordGrantType() && client.Kind != ApplicationKinds.SalesChannel)
            {
                context.Reject(Errors.UnauthorizedClient, "Customers sign in through a sales channel.");
                return;
            }
            if (context.Request.IsPasswordGrantType())
            {
                var email = context.Request.Username;
                var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Email == email, context.CancellationToken);
                if (!passwords.Verify(customer, context.Request.Password))
                {
                    context.Reject(Errors.InvalidGrant, "The email or password is wrong.");
                    return;
                }
            }
            if ((await MarketScopes.ResolveAsync(db, context.Request.Scope, context.CancellationToken)).Refusal is { } refusal)
                context.Reject(Errors.InvalidScope, refusal);
        }
    }

    /// <summary>The token response names the market scope it granted, as Commerce Layer's does (<c>"scope": "market:code:usa"</c>).</summary>
    private sealed class EchoScope : IOpenIddictServerHandler<ApplyTokenResponseContext>
    {
        public ValueTask HandleAsync(ApplyTokenResponseContext context)
        {
            if (context.Transaction.Properties.TryGetValue(GrantedMarketScope, out var scope) && scope is string granted && context.Response.Error is null)
                context.Response.Scope = granted;
            return ValueTask.CompletedTask;
        }
    }

    private const string GrantedMarketScope = "Commerce.GrantedMarketScope";

    /// <summary>Builds the token's identity: the application, its kind, and the customer when there is one.</summary>
    private sealed class HandleTokenRequest(CommerceDbContext db, RefreshTokens refreshTokens, IHostEnvironment environment,
        TokenOrganization organization)
        : IOpenIddictServerHandler<HandleTokenRequestContext>
    {
        public async ValueTask HandleAsync(HandleTokenRequestContext context)
        {
            var client = await db.ApplicationClients.AsNoTracking().FirstAsync(a => a.ClientId == context.Request.ClientId, context.CancellationToken);
            string? customerId = null;
            string? familyId = null;
            if (context.Request.IsPasswordGrantType())
            {
                var email = context.Request.Username;
                customerId = await db.Customers.Where(c => c.Email == email).Select(c => c.Id).FirstAsync(context.CancellationToken);
            }
            else if (context.Request.IsRefreshTokenGrantType())
            {
                // The refresh token was validated by OpenIddict; the customer must still exist.
                customerId = context.Principal?.GetClaim(Caller.CustomerClaim);
                if (customerId is not null && !await db.Customers.AnyAsync(c => c.Id == customerId, context.CancellationToken))
                {
                    context.Reject(Errors.InvalidGrant, "The customer no longer exists.");
                    return;
                }
                // Each refresh token is good for one refresh; a reused one revokes its family (RefreshTokens).
                if (!await refreshTokens.RedeemAsync(context.Principal?.GetClaim(RefreshTokens.TokenIdClaim), context.CancellationToken))
                {
                    context.Reject(Errors.InvalidGrant, "The refresh token was revoked or already used: sign in again.");
                    return;
                }
                familyId = context.Principal?.GetClaim(RefreshTokens.FamilyClaim);
            }

            // The market: the scope asked for now, else (refreshing) the one the refresh token was scoped to, if still enabled.
            var (market, marketScope, _) = await MarketScopes.ResolveAsync(db, context.Request.Scope, context.CancellationToken);
            if (market is null && context.Request.IsRefreshTokenGrantType() && context.Principal?.GetClaim(Caller.MarketClaim) is { } scopedId)
            {
                (market, marketScope, var refusal) = await MarketScopes.ResolveAsync(db, MarketScopes.ById + scopedId, context.CancellationToken);
                if (refusal is not null)
                {
                    context.Reject(Errors.InvalidGrant, "The token's market is gone or disabled: sign in again.");
                    return;
                }
            }

            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaultsScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, customerId ?? client.ClientId);
            identity.SetClaim(Caller.KindClaim, client.Kind);
            identity.SetClaim(Caller.ApplicationClaim, client.Id);
            if (customerId is not null)
            {
                identity.SetClaim(Caller.CustomerClaim, customerId);
                var (tokenId, family) = await refreshTokens.IssueAsync(customerId, familyId, context.CancellationToken);
                identity.SetClaim(RefreshTokens.TokenIdClaim, tokenId);
                identity.SetClaim(RefreshTokens.FamilyClaim, family);
            }
            if (market is not null)
                identity.SetClaim(Caller.MarketClaim, market.Id);
            AddCommerceLayerClaims(identity, organization, client, customerId, market, environment);
            // Refresh tokens carry every claim; the refresh token's own ids stay out of the access token.
            identity.SetDestinations(claim => claim.Type is RefreshTokens.TokenIdClaim or RefreshTokens.FamilyClaim ? [] : [Destinations.AccessToken]);
            var principal = new ClaimsPrincipal(identity);
            principal.SetAudiences(Audience);
            // Customers get a refresh token; the market scope is granted as asked.
            principal.SetScopes([.. new[] { marketScope, customerId is null ? null : Scopes.OfflineAccess }.OfType<string>()]);
            if (marketScope is not null)
                context.Transaction.Properties[GrantedMarketScope] = marketScope;
            context.SignIn(principal);
        }
    }

    /// <summary>
    /// Commerce Layer's claims beside ours, for clients that read them: <c>organization {id, slug}</c> (the <c>Organization</c>
    /// section's, as <c>GET /api/organization</c> shows them), <c>application {id, kind, public}</c>,
    /// <c>market {id: [id], price_list_id, stock_location_ids, geocoder_id, allows_external_prices}</c> when scoped,
    /// <c>owner {id, type: "Customer"}</c> for a customer, <c>test</c> (true outside production). <c>scope</c> is the
    /// granted scopes' claim.
    /// </summary>
    private static void AddCommerceLayerClaims(ClaimsIdentity identity, TokenOrganization organization, ApplicationClient client, string? customerId, Commerce.Domain.Catalog.Market? market,
        IHostEnvironment environment)
    {
        identity.SetClaim("organization", JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["id"] = organization.Id, ["slug"] = organization.Slug,
        }));
        identity.SetClaim("application", JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["id"] = client.Id, ["kind"] = client.Kind, ["public"] = client.IsPublic,
        }));
        if (market is not null)
            identity.SetClaim("market", JsonSerializer.SerializeToElement(new Dictionary<string, object?>
            {
                ["id"] = new[] { market.Id }, ["price_list_id"] = market.PriceListId, ["stock_location_ids"] = Array.Empty<string>(),
                ["geocoder_id"] = null, ["allows_external_prices"] = false,
            }));
        if (customerId is not null)
            identity.SetClaim("owner", JsonSerializer.SerializeToElement(new Dictionary<string, object?> { ["id"] = customerId, ["type"] = "Customer" }));
        identity.SetClaim("test", JsonSerializer.SerializeToElement(!environment.IsProduction()));
    }

    private const string OpenIddictServerAspNetCoreDefaultsScheme = "OpenIddict.Server.AspNetCore";
}

/// <summary>The organization as tokens name it (Commerce Layer's <c>organization {id, slug}</c> claim): the host registers it from the <c>Organization</c> section.</summary>
internal sealed record TokenOrganization(string Id, string Slug);
