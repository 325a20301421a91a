using Commerce.Api.Configuration;

namespace Commerce.Api.GraphQL;

/// <summary>The <c>GraphQL</c> configuration section: the limits of every GraphQL endpoint (<see cref="GraphQLEndpoints"/>).</summary>
public sealed class GraphQLOptions
{
    public const string Section = "GraphQL";

    /// <summary>Whether <c>__schema</c> and <c>__type</c> answer. Null (the default): on in Development, off elsewhere.</summary>
    public bool? Introspection { get; set; }

    /// <summary>The deepest selection a query may nest (fields inside fields), counted from the operation.</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>The highest complexity a query may have (graphql-dotnet's analysis: each field 1, lists multiply).</summary>
    public int MaxComplexity { get; set; } = 1000;

    /// <summary>The largest request body, in bytes (a GraphQL request is small; the JSON:API's own cap is Limits:MaxRequestBodyBytes).</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// The public sales channel (client id) an anonymous request acts as on an endpoint that lets anonymous callers in
    /// (Magento's guests send no token). Null: the checkout page's (<c>Checkout:ClientId</c>).
    /// </summary>
    public string? PublicClientId { get; set; }

    /// <summary>The currency of a Magento cart created without a <c>Store</c> header (until markets exist).</summary>
    public string CartCurrencyCode { get; set; } = "USD";

    public bool IntrospectionIn(IHostEnvironment environment) => Introspection ?? environment.IsDevelopment();
}

/// <summary>The rules of the <c>GraphQL</c> section.</summary>
internal sealed class GraphQLOptionsValidator() : SectionValidator<GraphQLOptions>(GraphQLOptions.Section)
{
    protected override void Check(GraphQLOptions options, SectionProblems problems)
    {
        problems.Between(nameof(options.MaxDepth), options.MaxDepth, 2, 100);
        problems.Between(nameof(options.MaxComplexity), options.MaxComplexity, 10, 1_000_000);
        problems.Between(nameof(options.MaxBodyBytes), options.MaxBodyBytes, 1024, 16 * 1024 * 1024);
        problems.NotBlank(nameof(options.PublicClientId), options.PublicClientId, "name a public sales channel's client id, or remove the key to use Checkout:ClientId");
        if (options.CartCurrencyCode is not { Length: 3 } || !options.CartCurrencyCode.All(char.IsAsciiLetterUpper))
            problems.Add($"{problems.Key(nameof(options.CartCurrencyCode))} is '{options.CartCurrencyCode}': use an ISO 4217 code such as USD");
    }
}
