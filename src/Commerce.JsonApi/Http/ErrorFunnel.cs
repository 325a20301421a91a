using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Commerce.JsonApi.Http;

/// <summary>
/// The one place where exceptions become responses: every failure under the API's base path leaves as a
/// JSON:API error document, including the framework's own 404, 405 and 413. A 500 shows no internals.
/// </summary>
public sealed partial class ErrorFunnel(RequestDelegate next, IEnumerable<IExceptionErrorMapper> mappers, ILogger<ErrorFunnel> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
            await WriteIfEmptyAsync(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception exception)
        {
            var mapped = Map(exception);
            if (mapped.Status >= 500)
                LogUnhandled(logger, exception, context.Request.Method, context.Request.Path);
            if (context.Response.HasStarted)
                throw;
            context.Response.Clear();
            await WriteAsync(context, mapped.Errors, mapped.Status);
        }
    }

    private JsonApiException Map(Exception exception)
    {
        if (exception is JsonApiException jsonApi)
            return jsonApi;
        foreach (var mapper in mappers)
        {
            if (mapper.Map(exception) is { } mapped)
                return mapped;
        }
        return exception switch
        {
            BadHttpRequestException { StatusCode: 413 } => new(new ErrorObject(413, ErrorCodes.PayloadTooLarge, "Payload too large", "The request body is too large.")),
            BadHttpRequestException bad => new(new ErrorObject(bad.StatusCode, ErrorCodes.InvalidDataFormat, "Bad request", "The request could not be read.")),
            _ => new(new ErrorObject(500, ErrorCodes.InternalServerError, "Internal server error", "Something went wrong on our side; the request changed nothing.")),
        };
    }

    /// <summary>
    /// Gives an error status that has no body yet (the framework's own 404, 405, 413…) the error document of its status;
    /// the host uses it for the paths outside the API too.
    /// </summary>
    public static async Task WriteIfEmptyAsync(HttpContext context)
    {
        if (context.Response is { HasStarted: false, StatusCode: >= 400, ContentLength: null, ContentType: null })
            await WriteAsync(context, [FromStatus(context.Response.StatusCode)], context.Response.StatusCode);
    }

    private static ErrorObject FromStatus(int status) => status switch
    {
        404 => new(404, ErrorCodes.RecordNotFound, "Not found", "There is nothing at this address."),
        405 => new(405, ErrorCodes.MethodNotAllowed, "Method not allowed", "This address does not accept that method."),
        413 => new(413, ErrorCodes.PayloadTooLarge, "Payload too large", "The request body is too large."),
        415 => new(415, ErrorCodes.UnsupportedMediaType, "Unsupported media type", $"Request bodies must be sent as '{MediaTypes.JsonApi}'."),
        401 => new(401, ErrorCodes.Unauthorized, "Unauthorized", "A valid bearer token is required."),
        403 => new(403, ErrorCodes.Forbidden, "Forbidden", "You are not allowed to do this."),
        >= 500 => new(status, ErrorCodes.InternalServerError, "Internal server error", "Something went wrong on our side."),
        _ => new(status, ErrorCodes.InvalidDataFormat, "Bad request", "The request could not be processed."),
    };

    /// <summary>The member of every error's <c>meta</c> that carries the request's correlation id (<see cref="HttpContext.TraceIdentifier"/>).</summary>
    public const string RequestIdMeta = "request_id";

    /// <summary>Writes an error document; every error's <c>meta</c> carries the request's id so that a client can quote it.</summary>
    public static async Task WriteAsync(HttpContext context, IEnumerable<ErrorObject> errors, int status)
    {
        var requestId = context.TraceIdentifier;
        var withId = errors.Select(e => e with { Meta = WithRequestId(e.Meta, requestId) }).ToList();
        await DocumentWriter.SendAsync(context.Response, status, w => DocumentWriter.WriteErrors(w, withId), context.RequestAborted);
    }

    private static Dictionary<string, object?> WithRequestId(IReadOnlyDictionary<string, object?>? meta, string requestId)
    {
        var merged = meta is null ? new Dictionary<string, object?>(StringComparer.Ordinal) : new Dictionary<string, object?>(meta, StringComparer.Ordinal);
        merged[RequestIdMeta] = requestId;
        return merged;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
