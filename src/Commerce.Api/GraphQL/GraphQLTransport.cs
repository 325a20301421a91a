using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Commerce.Api.Placement;
using Commerce.Domain.Common;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using Microsoft.AspNetCore.Authentication;

namespace Commerce.Api.GraphQL;

/// <summary>
/// GraphQL over HTTP, ours (graphql-dotnet's server package is not available): one handler serves every registered
/// <see cref="GraphQLEndpoint"/>.
/// <list type="bullet">
/// <item><c>POST</c> only (405 otherwise); <c>application/json</c> bodies with <c>query</c>, <c>variables</c>,
/// <c>operationName</c> (and <c>extensions</c>, ignored), or <c>application/graphql</c> bodies holding the query itself;
/// another content type is 415, a body that is not such a request 400, one over <see cref="GraphQLOptions.MaxBodyBytes"/> 413.</item>
/// <item>Authentication first: a bad or expired token is 401, with <c>WWW-Authenticate</c>; no token is 401 or the public
/// sales channel, as the endpoint says (<see cref="AnonymousAccess"/>).</item>
/// <item>Everything else is 200 with <c>data</c> and/or <c>errors</c>: a query that does not parse or validate (depth and
/// complexity caps, introspection when off), business errors, and failures, which the funnel
/// (<see cref="FunnelAsync"/>) turns into "Internal server error" with the request id, logged, never the exception's text.</item>
/// </list>
/// Root fields run one at a time (resolvers share the request's <c>DbContext</c>).
/// </summary>
internal sealed partial class GraphQLTransport(
    IDocumentExecuter executer,
    GraphQLSerializer serializer,
    GraphQLOptions options,
    PublicSalesChannel publicSalesChannel,
    IHostEnvironment environment,
    IServiceProvider services,
    ILogger<GraphQLTransport> logger)
{
    public const string InternalErrorCode = "INTERNAL_SERVER_ERROR";
    public const string JsonMediaType = "application/json";
    public const string GraphQLMediaType = "application/graphql";

    /// <summary>The schemas, built once (the drift test and the SDL export read them too).</summary>
    private readonly Dictionary<string, ISchema> _schemas = new(StringComparer.Ordinal);

    public ISchema SchemaOf(GraphQLEndpoint endpoint)
    {
        lock (_schemas)
        {
            if (!_schemas.TryGetValue(endpoint.Path, out var schema))
            {
                schema = endpoint.CreateSchema(services);
                schema.Initialize();
                _schemas[endpoint.Path] = schema;
            }
            return schema;
        }
    }

    /// <summary>The schema in SDL, sorted by name, with descriptions and deprecations: what <c>openapi/{SdlFileName}</c> commits.</summary>
    public string Sdl(GraphQLEndpoint endpoint) =>
        SchemaOf(endpoint).Print(new global::GraphQL.Utilities.PrintOptions
        {
            IncludeDescriptions = true,
            IncludeDeprecationReasons = true,
            StringComparison = StringComparison.Ordinal,
        }).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    public RequestDelegate Serve(GraphQLEndpoint endpoint)
    {
        var schema = SchemaOf(endpoint);
        var rules = DocumentValidator.CoreRules
            .Append(new ComplexityValidationRule(new ComplexityOptions { MaxDepth = options.MaxDepth, MaxComplexity = options.MaxComplexity }))
            .Concat(options.IntrospectionIn(environment) ? [] : [NoIntrospectionValidationRule.Instance])
            .ToArray();
        return context => HandleAsync(context, endpoint, schema, rules);
    }

    private async Task HandleAsync(HttpContext context, GraphQLEndpoint endpoint, ISchema schema, IValidationRule[] rules)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-store";
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await WriteErrorAsync(context, 405, "Send GraphQL requests with POST.", "METHOD_NOT_ALLOWED");
            return;
        }
        if (!await AuthenticateAsync(context, endpoint))
            return;

        var (request, problem, status) = await ReadAsync(context);
        if (request is null)
        {
            await WriteErrorAsync(context, status, problem!, status == 400 ? "BAD_REQUEST" : status == 413 ? "PAYLOAD_TOO_LARGE" : "UNSUPPORTED_MEDIA_TYPE");
            return;
        }

        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = request.Query,
            Variables = request.Variables,
            OperationName = request.OperationName,
            RequestServices = context.RequestServices,
            User = context.User,
            ValidationRules = rules,
            CachedDocumentValidationRules = null,
            // One DbContext per request: no two resolvers at once.
            MaxParallelExecutionCount = 1,
            CancellationToken = context.RequestAborted,
            UnhandledExceptionDelegate = unhandled => FunnelAsync(unhandled, endpoint, context),
        });
        if (context.RequestAborted.IsCancellationRequested)
            return;
        context.Response.StatusCode = 200;
        context.Response.ContentType = JsonMediaType + "; charset=utf-8";
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }

    /// <summary>
    /// The error funnel: a resolver's exception that is not already a client error. The endpoint's own mapping first, then
    /// the domain's failures (their detail is written for clients, their code kept), then everything else as an internal
    /// error: logged with its stack, answered with the request id only.
    /// </summary>
    private Task FunnelAsync(UnhandledExceptionContext unhandled, GraphQLEndpoint endpoint, HttpContext context)
    {
        var exception = unhandled.OriginalException;
        if (endpoint.MapException?.Invoke(exception) is { } mapped)
        {
            unhandled.Exception = mapped;
            return Task.CompletedTask;
        }
        unhandled.Exception = exception switch
        {
            PaymentGatewayException gateway => new GraphQLClientError(gateway.Released
                ? "The payment gateway failed; nothing was placed and no money is held. The same request may be retried."
                : "The payment gateway failed; an authorization may be held. The order is settled with the gateway by the service; read it again later.",
                gateway.Code),
            DomainException domain => new GraphQLClientError(string.Join(" ", domain.Failures.Select(f => f.Detail.EndsWith('.') ? f.Detail : f.Detail + ".")),
                domain.Failures[0].Code),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => new GraphQLClientError("The request was cancelled.", "CANCELLED"),
            _ => Internal(exception, context),
        };
        return Task.CompletedTask;
    }

    private ExecutionError Internal(Exception exception, HttpContext context)
    {
        LogUnhandled(logger, exception, context.Request.Path);
        return new GraphQLClientError("Internal server error: something went wrong on our side; the request id identifies it.", InternalErrorCode,
            new Dictionary<string, object?> { ["request_id"] = context.TraceIdentifier });
    }

    /// <summary>True when the request may go on; otherwise the 401 is written.</summary>
    private async Task<bool> AuthenticateAsync(HttpContext context, GraphQLEndpoint endpoint)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            if (endpoint.Anonymous == AnonymousAccess.PublicSalesChannel && await publicSalesChannel.PrincipalAsync(context.RequestAborted) is { } principal)
            {
                context.User = principal;
                return true;
            }
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await WriteErrorAsync(context, 401, endpoint.Anonymous == AnonymousAccess.PublicSalesChannel
                ? "Anonymous requests are not served: no public sales channel is configured. Send a bearer token."
                : "A bearer token is required: get one from POST /oauth/token.", "UNAUTHORIZED");
            return false;
        }
        if (context.User.Identity is { IsAuthenticated: true })
            return true;
        var result = await context.AuthenticateAsync();
        var expired = result.Failure is Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException;
        context.Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{(expired ? "The token expired" : "The token is not valid")}\"";
        await WriteErrorAsync(context, 401, expired ? "The access token expired: get a new one (or refresh it)." : "The access token is not valid.",
            expired ? "INVALID_TOKEN" : "UNAUTHORIZED");
        return false;
    }

    /// <summary>
    /// Before authentication: on an endpoint that takes Nosto's <c>Basic base64(":" + token)</c>, the header becomes
    /// <c>Bearer token</c>, so that the one bearer handler checks it.
    /// </summary>
    public static void RewriteBasicToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!AuthenticationHeaderValue.TryParse(header, out var value) || !"Basic".Equals(value.Scheme, StringComparison.OrdinalIgnoreCase) || value.Parameter is null)
            return;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            var token = colon < 0 ? decoded : decoded[(colon + 1)..];
            if (token.Length > 0)
                context.Request.Headers.Authorization = "Bearer " + token;
        }
        catch (FormatException)
        {
            // Left as it is: the bearer handler does not read Basic, so it is 401.
        }
    }

    private async Task<(GraphQLRequest? Request, string? Problem, int Status)> ReadAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType;
        var mediaType = contentType is null ? null : MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType : "";
        var json = JsonMediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase);
        if (!json && !GraphQLMediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            return (null, $"Send the request as '{JsonMediaType}' ({{\"query\": …, \"variables\": …, \"operationName\": …}}) or as '{GraphQLMediaType}' (the query itself).", 415);
        if (context.Request.ContentLength > options.MaxBodyBytes)
            return (null, $"The request body is larger than {options.MaxBodyBytes} bytes.", 413);

        byte[] body;
        using (var buffer = new MemoryStream())
        {
            var chunk = new byte[8192];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > options.MaxBodyBytes)
                    return (null, $"The request body is larger than {options.MaxBodyBytes} bytes.", 413);
                buffer.Write(chunk, 0, read);
            }
            body = buffer.ToArray();
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return (null, "The request body is not UTF-8 text.", 400);
        }
        if (!json)
            return string.IsNullOrWhiteSpace(text) ? (null, "The body is empty: send the GraphQL query.", 400) : (new GraphQLRequest { Query = text }, null, 200);

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (null, "The body is not JSON: send {\"query\": \"…\", \"variables\": {…}}.", 400);
        }
        if (root.ValueKind == JsonValueKind.Array)
            return (null, "Batched requests (a JSON array) are not supported: send one request per POST.", 400);
        if (root.ValueKind != JsonValueKind.Object)
            return (null, "The body is not a GraphQL request: send a JSON object {\"query\": \"…\"}.", 400);
        if (!root.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(query.GetString()))
            return (null, "The request has no query: \"query\" must be a non-empty string.", 400);
        if (root.TryGetProperty("operationName", out var operation) && operation.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            return (null, "\"operationName\" must be a string or null.", 400);
        if (root.TryGetProperty("variables", out var variables) && variables.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            return (null, "\"variables\" must be an object or null.", 400);
        if (root.TryGetProperty("extensions", out var extensions) && extensions.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            return (null, "\"extensions\" must be an object or null.", 400);

        try
        {
            return (new GraphQLRequest
            {
                Query = query.GetString(),
                OperationName = operation.ValueKind == JsonValueKind.String ? operation.GetString() : null,
                Variables = variables.ValueKind == JsonValueKind.Object ? serializer.ReadNode<Inputs>(variables) : null,
            }, null, 200);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return (null, "\"variables\" could not be read.", 400);
        }
    }

    private async Task WriteErrorAsync(HttpContext context, int status, string message, string code)
    {
        var result = new ExecutionResult { Errors = [new GraphQLClientError(message, code)] };
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonMediaType + "; charset=utf-8";
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in a GraphQL resolver on {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string path);
}
