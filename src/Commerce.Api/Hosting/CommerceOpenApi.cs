using System.Globalization;
using System.Text.Json.Nodes;
using Commerce.Api.Authentication;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.OpenApi;
using Commerce.JsonApi.Resources;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Commerce.Api.Hosting;

/// <summary>
/// The OpenAPI document (<c>/swagger/v1/swagger.json</c>, committed as <c>openapi/commerce.json</c>) and
/// Swagger UI at <c>/swagger</c>. The JSON:API paths and schemas come from the resource graph
/// (<see cref="JsonApiDocumentFilter"/>); this adds what is Commerce's own: the token endpoint, the
/// security schemes, who may do what, idempotency keys, and the errors of authentication, rate limits and gateways.
/// </summary>
internal static class CommerceOpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/swagger/v1/swagger.json";
    public const string OAuth2Scheme = "oauth2";
    public const string BearerScheme = "bearer";

    public static IServiceCollection AddCommerceOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "Commerce",
                Version = DocumentName,
                Description = "A self-hosted order API speaking JSON:API 1.1 with Commerce Layer's conventions. "
                    + "Every /api request needs a bearer token from POST /oauth/token. Bodies are application/vnd.api+json. "
                    + "Relationship endpoints are read-only: change relationships through the owner's PATCH.",
            });
            options.DocumentFilter<JsonApiDocumentFilter>();
            options.DocumentFilter<CommerceDocumentFilter>();
        });
        return services;
    }

    public static WebApplication UseCommerceOpenApi(this WebApplication app)
    {
        app.UseSwagger(options => options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0);
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint(DocumentPath, "Commerce");
            options.RoutePrefix = "swagger";
            options.DocumentTitle = "Commerce API";
            options.EnablePersistAuthorization();
            options.DisplayOperationId();
        });
        return app;
    }
}

/// <summary>Commerce's part of the OpenAPI document; runs after <see cref="JsonApiDocumentFilter"/>.</summary>
internal sealed class CommerceDocumentFilter(ResourceGraph graph) : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var document = swaggerDoc;
        AddSecuritySchemes(document);
        AddTokenEndpoint(document);

        var security = new List<OpenApiSecurityRequirement>
        {
            new() { [new OpenApiSecuritySchemeReference(CommerceOpenApi.OAuth2Scheme, document)] = [] },
            new() { [new OpenApiSecuritySchemeReference(CommerceOpenApi.BearerScheme, document)] = [] },
        };
        foreach (var resource in graph.Resources)
        {
            var type = resource.PublicName;
            foreach (var operation in Enum.GetValues<ResourceOperation>())
            {
                if (Find(document, JsonApiDocumentFilter.OperationId(operation, type)) is { } op)
                    op.Description = Join(op.Description, AccessPolicy.Describe(type, operation));
            }
            foreach (var relationship in resource.Relationships)
            {
                foreach (var id in new[] { JsonApiDocumentFilter.RelatedOperationId(type, relationship.Name), JsonApiDocumentFilter.RelationshipOperationId(type, relationship.Name) })
                {
                    if (Find(document, id) is { } op)
                        op.Description = Join(op.Description, AccessPolicy.Describe(type, ResourceOperation.Get) + " The related type's own rules scope what is listed.");
                }
            }
            foreach (var verb in new[] { "create", "update" })
            {
                if (document.Components!.Schemas!.TryGetValue($"{type}_{verb}_attributes", out var schema) && schema.Properties is { } properties)
                {
                    foreach (var trigger in resource.Triggers)
                    {
                        if (properties.TryGetValue(trigger.Name, out var property) && property is OpenApiSchema writable)
                        {
                            writable.Description = Join(writable.Description, AccessPolicy.IsIntegrationTrigger(trigger.Name)
                                ? "Only an integration may send it; sales channels and customers get 403."
                                : "Integrations, sales channels and customers may send it.");
                        }
                    }
                }
            }
        }

        foreach (var (path, item) in document.Paths.Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                operation.Security = security;
                AddError(document, operation, 401);
                AddError(document, operation, 429);
                if (method == HttpMethod.Post || method == HttpMethod.Patch)
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = "Idempotency-Key",
                        In = ParameterLocation.Header,
                        Description = "1–255 characters. The same key with the same request replays the stored response (Idempotent-Replayed: true); "
                            + "with another request it is 422; while the first still runs, 409. Kept 24 hours.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 255 },
                    });
                }
            }
        }

        if (Find(document, JsonApiDocumentFilter.OperationId(ResourceOperation.Update, "orders")) is { } updateOrder)
        {
            AddError(document, updateOrder, 502);
            updateOrder.Description = Join("Sends triggers such as _place (placing: 422 lists every failing precondition, "
                + "422 PAYMENT_DECLINED, 502 PAYMENT_GATEWAY_ERROR, 409 CONFLICT for a concurrent change).", updateOrder.Description);
        }
    }

    private static string Join(string? first, string? second) => string.IsNullOrEmpty(first) ? second ?? "" : string.IsNullOrEmpty(second) ? first : $"{first} {second}";

    private static OpenApiOperation? Find(OpenApiDocument document, string operationId) =>
        document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).FirstOrDefault(o => o.OperationId == operationId);

    private static void AddError(OpenApiDocument document, OpenApiOperation operation, int status) =>
        operation.Responses![status.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponseReference(JsonApiDocumentFilter.ErrorResponses[status], document);

    private static void AddSecuritySchemes(OpenApiDocument document)
    {
        var tokenUrl = new Uri(TokenServer.TokenPath, UriKind.Relative);
        document.Components!.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[CommerceOpenApi.OAuth2Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "Tokens from POST /oauth/token. client_credentials: an integration (client id and secret; may do everything) or a sales channel "
                + "(client id, and a secret if it has one). password: a customer's email and password, through a sales channel's client id. "
                + "Demo clients: integration demo-integration / demo-integration-secret; public sales channel demo-sales-channel.",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow { TokenUrl = tokenUrl, Scopes = new Dictionary<string, string>() },
                Password = new OpenApiOAuthFlow { TokenUrl = tokenUrl, Scopes = new Dictionary<string, string>() },
            },
        };
        document.Components.SecuritySchemes[CommerceOpenApi.BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from POST /oauth/token (RS256 JWT).",
        };
    }

    private static void AddTokenEndpoint(OpenApiDocument document)
    {
        var schemas = document.Components!.Schemas!;
        schemas["token_request"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string>(StringComparer.Ordinal) { "grant_type", "client_id" },
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["grant_type"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [JsonValue.Create("client_credentials"), JsonValue.Create("password"), JsonValue.Create("refresh_token")],
                },
                ["client_id"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["client_secret"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Integrations, and sales channels that have one." },
                ["username"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "password grant: the customer's email." },
                ["password"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "password grant." },
                ["refresh_token"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "refresh_token grant." },
            },
        };
        schemas["token_response"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string>(StringComparer.Ordinal) { "access_token", "token_type", "expires_in" },
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["access_token"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["token_type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Bearer" },
                ["expires_in"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "Seconds." },
                ["refresh_token"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "For customers (password grant)." },
            },
        };
        schemas["oauth_error"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string>(StringComparer.Ordinal) { "error" },
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["error"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "invalid_client, invalid_grant, unauthorized_client, unsupported_grant_type, invalid_request…" },
                ["error_description"] = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };
        IOpenApiSchema Ref(string id) => new OpenApiSchemaReference(id, document);
        Dictionary<string, IOpenApiMediaType> Json(string id) => new(StringComparer.Ordinal) { ["application/json"] = new OpenApiMediaType { Schema = Ref(id) } };

        document.Tags ??= new HashSet<OpenApiTag>();
        document.Tags.Add(new OpenApiTag { Name = "authentication", Description = "OAuth 2 tokens." });
        document.Paths[TokenServer.TokenPath] = new OpenApiPathItem
        {
            Operations = new()
            {
                [HttpMethod.Post] = new OpenApiOperation
                {
                    OperationId = "create_token",
                    Summary = "Get an access token",
                    Description = "OAuth 2 token endpoint (form-encoded, or JSON as Commerce Layer's SDK sends it). Rate-limited per client IP.",
                    Tags = new HashSet<OpenApiTagReference> { new("authentication", document) },
                    RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
                        {
                            ["application/json"] = new OpenApiMediaType { Schema = Ref("token_request") },
                            ["application/x-www-form-urlencoded"] = new OpenApiMediaType { Schema = Ref("token_request") },
                        },
                    },
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse { Description = "A token.", Content = Json("token_response") },
                        ["400"] = new OpenApiResponse { Description = "A bad request or grant.", Content = Json("oauth_error") },
                        ["401"] = new OpenApiResponse { Description = "An unknown client or a wrong secret.", Content = Json("oauth_error") },
                        ["429"] = new OpenApiResponse { Description = "Too many token requests from this address." },
                    },
                },
            },
        };
    }
}
