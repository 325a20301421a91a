using System.Text.Json;
using Commerce.Domain.Catalog;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;

namespace Commerce.Api.Authentication;

internal static class AuthServiceCollectionExtensions
{
    public const string ApiPolicy = "api";

    /// <summary>Tokens are issued by OpenIddict (<see cref="TokenServer"/>) and checked by JWT bearer authentication.</summary>
    public static IServiceCollection AddCommerceAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, AuthOptions options)
    {
        var keyDirectory = Path.IsPathRooted(options.KeyDirectory) ? options.KeyDirectory : Path.Combine(environment.ContentRootPath, options.KeyDirectory);
        var keys = KeyRing.LoadOrCreate(keyDirectory);
        services.AddSingleton(keys);
        services.AddHttpContextAccessor();
        services.AddScoped(sp => Caller.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User));
        services.AddScoped<IResourceAccessPolicy, AccessPolicy>();
        services.AddSingleton<IPasswordHasher<Customer>, PasswordHasher<Customer>>();
        services.AddSingleton<CustomerPasswords>();
        services.AddSingleton<CustomerAccessTokens>();
        services.AddScoped<RefreshTokens>();

        services.AddOpenIddict().AddServer(server => TokenServer.Configure(server, options, keys));
        // OpenIddict logs each token request's parameters at Information (a password grant's username is a
        // customer's email) and whole tokens at Trace: its categories log Warning and above unless
        // Logging:LogLevel:OpenIddict says otherwise (Default does not lower it), and never below Debug.
        var configured = Enum.TryParse<LogLevel>(configuration["Logging:LogLevel:OpenIddict"], true, out var level) ? level : LogLevel.Warning;
        services.AddLogging(logging => logging.AddFilter("OpenIddict", configured < LogLevel.Debug ? LogLevel.Debug : configured));

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                // One validation per token for its lifetime, not one per request (see ValidatedTokenCache).
                jwt.TokenHandlers.Clear();
                jwt.TokenHandlers.Add(new ValidatedTokenCache());
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = new Uri(options.Issuer).AbsoluteUri,
                    // Only our access tokens: a JWT signed by our key but of another type, or for another audience, is 401.
                    ValidTypes = [TokenServer.AccessTokenType],
                    ValidAudience = TokenServer.Audience,
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

    /// <summary>
    /// <c>POST /oauth/token</c> also takes a JSON body (Commerce Layer's SDK sends one): it is turned into the form OAuth 2 defines.
    /// A parameter that is not text (a control character such as NUL, or a lone surrogate in JSON) is refused by OpenIddict with
    /// <c>invalid_request</c> (<see cref="TokenServer.UnreadableParameter"/>) instead of failing the form reader with a 500.
    /// </summary>
    public static IApplicationBuilder UseTokenRequestParsing(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.Equals(TokenServer.TokenPath, StringComparison.OrdinalIgnoreCase) && HttpMethods.IsPost(context.Request.Method))
            {
                string? unreadable = null;
                if (context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
                    unreadable = await JsonToFormAsync(context);
                if (context.Request.HasFormContentType)
                    unreadable ??= await FindUnreadableFormParameterAsync(context.Request, context.RequestAborted);
                if (unreadable is not null)
                {
                    context.Items[TokenServer.UnreadableParameter] = unreadable;
                    ReplaceBody(context.Request, []);
                }
            }
            await next(context);
        });

    /// <summary>Replaces a JSON body with the form it says; the name of a parameter that is not valid text, if any.</summary>
    private static async Task<string?> JsonToFormAsync(HttpContext context)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        string? current = null; // the parameter being read
        try
        {
            using var json = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in json.RootElement.EnumerateObject())
                {
                    current = null;
                    current = property.Name;
                    if (property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                        pairs.Add(new(current, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText()));
                }
            }
        }
        catch (JsonException)
        {
            // Left empty: OpenIddict answers invalid_request.
            pairs.Clear();
        }
        catch (InvalidOperationException)
        {
            // A lone surrogate (\ud800): valid JSON, but not text.
            return current is null ? "A parameter name is not valid text." : $"The '{current}' parameter is not valid text.";
        }
        ReplaceBody(context.Request, await new FormUrlEncodedContent(pairs).ReadAsByteArrayAsync(context.RequestAborted));
        return null;
    }

    /// <summary>The first form parameter holding a control character (ASP.NET Core's form reader throws on NUL), as an error description.</summary>
    private static async Task<string?> FindUnreadableFormParameterAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var body = await reader.ReadToEndAsync(cancellationToken);
        request.Body.Position = 0;
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = System.Net.WebUtility.UrlDecode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : System.Net.WebUtility.UrlDecode(pair[(equals + 1)..]);
            if (name.Any(char.IsControl))
                return "A parameter name holds a control character.";
            if (value.Any(char.IsControl))
                return $"The '{name}' parameter holds a control character.";
        }
        return null;
    }

    private static void ReplaceBody(HttpRequest request, byte[] form)
    {
        request.Body = new MemoryStream(form);
        request.ContentLength = form.Length;
        request.ContentType = "application/x-www-form-urlencoded";
    }
}
