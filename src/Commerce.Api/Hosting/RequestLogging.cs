using System.Diagnostics;
using Commerce.Api.Authentication;

namespace Commerce.Api.Hosting;

/// <summary>
/// First in the pipeline: gives every request a correlation id (a well-formed <c>X-Request-Id</c> is kept,
/// otherwise the trace id or a fresh one), puts it into <see cref="HttpContext.TraceIdentifier"/> (which the
/// error funnel writes into every error's <c>meta.request_id</c>), into a log scope and onto the response,
/// and writes one line per request: method, route template, status, duration, application, id.
/// Nothing of the request's headers, query or body is logged: tokens and secrets never reach the log.
/// </summary>
internal sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public const string Header = "X-Request-Id";
    public const int MaxIdLength = 128;

    public async Task InvokeAsync(HttpContext context)
    {
        var id = WellFormed(context.Request.Headers[Header].ToString()) ?? NewId();
        context.TraceIdentifier = id;
        Activity.Current?.SetTag("commerce.request_id", id);
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id });
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            Log(context, id, started, failed);
        }
    }

    private void Log(HttpContext context, string id, long started, bool failed)
    {
        if (!logger.IsEnabled(LogLevel.Information))
            return;
        var status = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
        // The template, not the path, so that lines group by route; the path (never the query) where no route
        // matched (the token endpoint, answered by OpenIddict's middleware; 404s).
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "/";
        var application = context.User.FindFirst(Caller.ApplicationClaim)?.Value ?? "-";
        var durationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogRequest(logger, context.Request.Method, route, status, durationMs, application, id);
    }

    /// <summary>1–128 characters of letters, digits and <c>-_.:</c>; anything else is replaced by a new id.</summary>
    public static string? WellFormed(string? candidate) =>
        candidate is { Length: > 0 and <= MaxIdLength } && candidate.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? candidate
            : null;

    private static string NewId() =>
        Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToHexString() : Guid.NewGuid().ToString("N");

    [LoggerMessage(EventId = 1, EventName = "Request", Level = LogLevel.Information,
        Message = "{Method} {Route} answered {StatusCode} in {DurationMs:0.0} ms (application {ApplicationId}, request {RequestId})")]
    private static partial void LogRequest(ILogger logger, string method, string route, int statusCode, double durationMs, string applicationId, string requestId);
}
