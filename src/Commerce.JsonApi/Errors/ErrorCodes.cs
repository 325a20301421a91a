namespace Commerce.JsonApi.Errors;

/// <summary>The error codes of the wire contract (Commerce Layer's).</summary>
public static class ErrorCodes
{
    public const string ValidationError = "VALIDATION_ERROR";
    public const string RecordNotFound = "RECORD_NOT_FOUND";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string InvalidToken = "INVALID_TOKEN";
    public const string Forbidden = "FORBIDDEN";
    public const string TypeMismatch = "TYPE_MISMATCH";
    public const string KeyNotIncludedInUrl = "KEY_NOT_INCLUDED_IN_URL";
    public const string InvalidResource = "INVALID_RESOURCE";
    public const string InvalidField = "INVALID_FIELD";
    public const string InvalidInclude = "INVALID_INCLUDE";
    public const string InvalidSortCriteria = "INVALID_SORT_CRITERIA";
    public const string InvalidFiltersSyntax = "INVALID_FILTERS_SYNTAX";
    public const string FilterNotAllowed = "FILTER_NOT_ALLOWED";
    public const string InvalidPageValue = "INVALID_PAGE_VALUE";
    public const string ParamNotAllowed = "PARAM_NOT_ALLOWED";
    public const string NotAcceptable = "NOT_ACCEPTABLE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string InvalidDataFormat = "INVALID_DATA_FORMAT";
    public const string Conflict = "CONFLICT";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";
}
