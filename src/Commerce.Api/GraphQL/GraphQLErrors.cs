using GraphQL;
using GraphQL.Execution;

namespace Commerce.Api.GraphQL;

/// <summary>
/// An error a resolver means the client to read: its message as is, <c>extensions.code</c> when given, and any other
/// extensions (Magento's <c>category</c>). Anything else a resolver throws goes through the funnel (<see cref="GraphQLTransport"/>).
/// </summary>
public class GraphQLClientError : ExecutionError
{
    public GraphQLClientError(string message, string? code = null, IReadOnlyDictionary<string, object?>? extensions = null) : base(message)
    {
        Code = code;
        if (extensions is not null)
        {
            Extensions ??= new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (key, value) in extensions)
                Extensions[key] = value;
        }
    }
}

/// <summary>
/// How errors are written: <c>message</c>, <c>locations</c>, <c>path</c>, and <c>extensions</c> with the error's own
/// <c>code</c> and extensions. Never an exception's type, stack or inner message (graphql-dotnet's default derives codes
/// from exception type names; not here).
/// </summary>
internal sealed class GraphQLErrorInfoProvider : IErrorInfoProvider
{
    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        Dictionary<string, object?>? extensions = null;
        if (executionError.Extensions is { Count: > 0 } own)
            extensions = new Dictionary<string, object?>(own, StringComparer.Ordinal);
        var code = executionError switch
        {
            GraphQLClientError client => client.Code,
            // graphql-dotnet's own: a document that does not parse, names no runnable operation, or fails validation
            // (limits and variables included).
            global::GraphQL.Validation.ValidationError or DocumentError => "GRAPHQL_VALIDATION_FAILED",
            UnhandledError => GraphQLTransport.InternalErrorCode,
            _ => executionError.InnerException is null ? executionError.Code : null,
        };
        if (code is not null)
            (extensions ??= new(StringComparer.Ordinal))["code"] = code;
        return new ErrorInfo { Message = executionError.Message, Extensions = extensions };
    }
}
