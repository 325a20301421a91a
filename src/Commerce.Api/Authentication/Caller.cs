using System.Security.Claims;

namespace Commerce.Api.Authentication;

/// <summary>Who is calling, from the bearer token: an integration, a sales channel, or a customer through a sales channel.</summary>
public sealed record Caller(string Kind, string? ApplicationId, string? CustomerId)
{
    public const string KindClaim = "app_kind";
    public const string ApplicationClaim = "app_id";
    public const string CustomerClaim = "customer_id";

    /// <summary>Work the service does by itself (start-up, background): integration rights.</summary>
    public static readonly Caller System = new(ApplicationKinds.Integration, null, null);

    public bool IsIntegration => Kind == ApplicationKinds.Integration;
    public bool IsCustomer => CustomerId is not null;

    /// <summary>A request without a valid token: no rights at all (every /api route demands a token anyway).</summary>
    public static readonly Caller Anonymous = new("anonymous", null, null);

    /// <summary>The caller of a request; <see cref="System"/> outside any request.</summary>
    public static Caller From(ClaimsPrincipal? user)
    {
        if (user is null)
            return System;
        if (user.Identity is not { IsAuthenticated: true })
            return Anonymous;
        return new Caller(user.FindFirstValue(KindClaim) ?? ApplicationKinds.SalesChannel, user.FindFirstValue(ApplicationClaim), user.FindFirstValue(CustomerClaim));
    }
}
