using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Commerce.Api.Authentication;

/// <summary>
/// Issues a customer's access token outside <c>POST /oauth/token</c> (GraphQL's <c>generateCustomerToken</c>): the same
/// token the password grant issues (an <c>at+jwt</c> for audience <c>commerce-api</c>, signed with the service's key, with
/// <c>app_kind</c>, <c>app_id</c>, <c>customer_id</c> and a fresh <c>jti</c>, for <c>Auth:AccessTokenLifetimeMinutes</c>),
/// so the bearer handler and every role rule take it as they take the grant's. No refresh token: Magento's token has none.
/// The caller checks the password (<see cref="CustomerPasswords"/>) first.
/// </summary>
internal sealed class CustomerAccessTokens(KeyRing keys, AuthOptions options, TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Issue(ApplicationClient channel, string customerId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = new Uri(options.Issuer).AbsoluteUri,
            Audience = TokenServer.Audience,
            TokenType = TokenServer.AccessTokenType,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(options.AccessTokenLifetimeMinutes),
            SigningCredentials = new SigningCredentials(keys.Signing, SecurityAlgorithms.RsaSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", customerId),
                new Claim("client_id", channel.ClientId),
                new Claim(Caller.KindClaim, channel.Kind),
                new Claim(Caller.ApplicationClaim, channel.Id),
                new Claim(Caller.CustomerClaim, customerId),
                new Claim(Caller.TokenIdClaim, Guid.NewGuid().ToString()),
            ]),
        });
    }
}
