using System.Security.Claims;

namespace Commerce.Api.Authentication;

/// <summary>Who is calling, from the bearer token: an integration, a sales channel, or a customer through a sales channel.</summary>
/// <param name="MarketId">The market the token is scoped to (<c>scope=market:id:…</c> or <c>market:code:…</c>); null: none.</param>
public sealed record Caller(string Kind, string? ApplicationId, string? CustomerId, string? MarketId = null)
{
    public const string KindClaim = "app_kind";
    public const string ApplicationClaim = "app_id";
    public const string CustomerClaim = "customer_id";
    /// <summary>The id of the market a token is scoped to.</summary>
    public const string MarketClaim = "market_id";
    /// <summary>The token's own id (<c>jti</c>, a GUID OpenIddict gives every access token).</summary>
    public const string TokenIdClaim = "jti";

    /// <summary>Work the service does by itself (start-up, background): integration rights.</summary>
    public static readonly Caller System = new(ApplicationKinds.Integration, null, null);

    public bool IsIntegration => Kind == ApplicationKinds.Integration;
    public bool IsCustomer => CustomerId is not null;

    /// <summary>A request without a valid token: no rights at all (every /api route demands a token anyway).</summary>
    public static readonly Caller Anonymous = new("anonymous", null, null);

    /// <summary>
    /// Who a request's <c>Idempotency-Key</c> and per-caller rate limit belong to, or null without a valid token: the
    /// application for an integration; the application and the customer for a customer's token; the application and the
    /// token itself for a sales channel's token without a customer, since every anonymous shopper of a public sales channel
    /// has the same application and subject (its client id). At most 12 + 7 + 36 characters.
    /// </summary>
    public static string? ScopeOf(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true } || user.FindFirstValue(ApplicationClaim) is not { } application)
            return null;
        if (user.FindFirstValue(CustomerClaim) is { } customer)
            return $"{application}/c:{customer}";
        if (user.FindFirstValue(KindClaim) != ApplicationKinds.Integration && user.FindFirstValue(TokenIdClaim) is { } token)
            return $"{application}/t:{token}";
        return application;
    }

    /// <summary>The caller of a request; <see cref="System"/> outside any request.</summary>
    public static Caller From(ClaimsPrincipal? user)
    {
        if (user is null)
            return System;
        if (user.Identity is not { IsAuthenticated: true })
            return Anonymous;
        return new Caller(user.FindFirstValue(KindClaim) ?? ApplicationKinds.SalesChannel, user.FindFirstValue(ApplicationClaim), user.FindFirstValue(CustomerClaim),
            user.FindFirstValue(MarketClaim));
    }
}
