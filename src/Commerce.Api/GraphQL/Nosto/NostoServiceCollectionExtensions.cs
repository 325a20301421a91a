namespace Commerce.Api.GraphQL.Nosto;

internal static class NostoServiceCollectionExtensions
{
    /// <summary>
    /// Nosto's schema at <c>/v1/graphql</c> (<see cref="NostoSchema"/>) on the shared transport: a token is required (no
    /// anonymous access), Nosto's <c>Authorization: Basic base64(":" + token)</c> taken as well as <c>Bearer</c>.
    /// </summary>
    public static IServiceCollection AddNostoGraphQL(this IServiceCollection services)
    {
        services.AddScoped<NostoOrders>();
        return services.AddGraphQLEndpoint(new GraphQLEndpoint
        {
            Path = NostoSchema.Path,
            CreateSchema = _ => new NostoSchema(),
            Anonymous = AnonymousAccess.Refused,
            AcceptBasicToken = true,
            SdlFileName = "nosto.graphql",
        });
    }
}
