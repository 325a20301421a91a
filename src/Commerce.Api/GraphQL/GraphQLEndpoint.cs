using GraphQL.Types;

namespace Commerce.Api.GraphQL;

/// <summary>What a request without an <c>Authorization</c> header is, on one GraphQL endpoint.</summary>
public enum AnonymousAccess
{
    /// <summary>401, as on <c>/api</c>.</summary>
    Refused,
    /// <summary>It acts as the configured public sales channel (<see cref="GraphQLOptions.PublicClientId"/>), nothing more: Magento's guests send no token.</summary>
    PublicSalesChannel,
}

/// <summary>
/// One GraphQL schema served at one path by the shared transport (<see cref="GraphQLTransport"/>): body reading, limits,
/// authentication, the error funnel and the answer are the transport's; the schema brings its types, its resolvers and,
/// optionally, how its own exceptions read (<see cref="MapException"/>). Register one with
/// <see cref="GraphQLServiceCollectionExtensions.AddGraphQLEndpoint"/>.
/// </summary>
public sealed class GraphQLEndpoint
{
    /// <summary>The path it answers <c>POST</c> at, e.g. <c>/graphql</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Builds the schema, once, at start-up. Resolvers take their services from <c>context.RequestServices</c> (the request's scope).</summary>
    public required Func<IServiceProvider, ISchema> CreateSchema { get; init; }

    public AnonymousAccess Anonymous { get; init; } = AnonymousAccess.Refused;

    /// <summary>
    /// Also accept <c>Authorization: Basic base64(":" + token)</c> (Nosto's API sends its token that way): the password
    /// part is taken as a bearer token. Off: a Basic header is 401.
    /// </summary>
    public bool AcceptBasicToken { get; init; }

    /// <summary>
    /// The schema's own reading of an exception its resolvers let escape (null: not its own, the transport's funnel decides:
    /// domain failures by their detail and code, anything else "Internal server error" and logged).
    /// </summary>
    public Func<Exception, global::GraphQL.ExecutionError?>? MapException { get; init; }

    /// <summary>The file under <c>openapi/</c> its SDL is committed to (the drift test compares it), e.g. <c>magento.graphql</c>.</summary>
    public required string SdlFileName { get; init; }
}
