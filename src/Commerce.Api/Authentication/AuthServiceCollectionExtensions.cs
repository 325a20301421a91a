using System.Text.Json;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Commerce.Api.Authentication;

internal static class AuthServiceCollectionExtensions
{
    public const string ApiPolicy = "api";

    /// <summary>Tokens are issued by OpenIddict (<see cref="TokenServer"/>) and checked by JWT bearer authentication.</summary>
    public static IServiceCollection AddCommerceAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var keyDirectory = Path.IsPathRooted(options.KeyDirectory) ? options.KeyDirectory : Path.Combine(environment.ContentRootPath, options.KeyDirectory);
        var keys = KeyRing.LoadOrCreate(keyDirectory);
        services.AddSingleton(options);
        services.AddSingleton(keys);
        services.AddHttpContextAccessor();
        services.AddScoped(sp => Caller.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User));
        services.AddScoped<IResourceAccessPolicy, AccessPolicy>();

        services.AddOpenIddict().AddServer(server => TokenServer.Configure(server, options, keys));
        // OpenIddict writes whole tokens into its Trace messages: its categories never log below Debug,
        // whatever Logging:LogLevel says (OpenIddict's own key, else Default, else Information).
        var configured = Enum.TryParse<LogLevel>(configuration["Logging:LogLevel:OpenIddict"] ?? configuration["Logging:LogLevel:Default"], true, out var level)
            ? level : LogLevel.Information;
        services.AddLogging(logging => logging.AddFilter("OpenIddict", configured < LogLevel.Debug ? LogLevel.Debug : configured));

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = new Uri(options.Issuer).AbsoluteUri,
                    ValidateAudience = false,
                    IssuerSigningKey = keys.Signing,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                jwt.Events = new JwtBearerEvents
                {
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        var expired = context.AuthenticateFailure is SecurityTokenExpiredException;
                        var missing = context.AuthenticateFailure is null;
                        context.Response.Headers.WWWAuthenticate = missing
                            ? "Bearer"
                            : $"Bearer error=\"invalid_token\", error_description=\"{(expired ? "The token expired" : "The token is not valid")}\"";
                        await ErrorFunnel.WriteAsync(context.HttpContext, [new ErrorObject(401,
                            expired ? ErrorCodes.InvalidToken : ErrorCodes.Unauthorized,
                            expired ? "Invalid token" : "Unauthorized",
                            expired ? "The access token expired: get a new one (or refresh it)." : missing ? "A bearer token is required: get one from POST /oauth/token." : "The access token is not valid.",
                            ErrorSource.AtHeader("Authorization"))], 401);
                    },
                    OnForbidden = context => ErrorFunnel.WriteAsync(context.HttpContext, [new ErrorObject(403, ErrorCodes.Forbidden, "Forbidden",
                        "Your token may not do this.", ErrorSource.AtHeader("Authorization"))], 403),
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, policy => policy.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser());
        return services;
    }

    /// <summary><c>POST /oauth/token</c> also takes a JSON body (Commerce Layer's SDK sends one): it is turned into the form OAuth 2 defines.</summary>
    public static IApplicationBuilder UseJsonTokenRequests(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.Equals(TokenServer.TokenPath, StringComparison.OrdinalIgnoreCase) && HttpMethods.IsPost(context.Request.Method)
                && context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
            {
                var pairs = new List<KeyValuePair<string, string>>();
                try
                {
                    using var json = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                    if (json.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var property in json.RootElement.EnumerateObject())
                        {
                            if (property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                                pairs.Add(new(property.Name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText()));
                        }
                    }
                }
                catch (JsonException)
                {
                    // Left empty: OpenIddict answers invalid_request.
                }
                var form = await new FormUrlEncodedContent(pairs).ReadAsByteArrayAsync(context.RequestAborted);
                context.Request.Body = new MemoryStream(form);
                context.Request.ContentLength = form.Length;
                context.Request.ContentType = "application/x-www-form-urlencoded";
            }
            await next(context);
        });
}
