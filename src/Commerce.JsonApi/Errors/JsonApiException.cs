namespace Commerce.JsonApi.Errors;

/// <summary>
/// Thrown anywhere in a request to answer with JSON:API errors. The error funnel turns it into the
/// response; the HTTP status is the first error's (all errors of one exception share a status class).
/// </summary>
public class JsonApiException : Exception
{
    public JsonApiException(IReadOnlyList<ErrorObject> errors)
        : base(errors.Count > 0 ? errors[0].Detail : "JSON:API error")
    {
        if (errors.Count == 0)
            throw new ArgumentException("At least one error is required.", nameof(errors));
        Errors = errors;
    }

    public JsonApiException(ErrorObject error) : this([error]) { }

    public IReadOnlyList<ErrorObject> Errors { get; }

    public int Status => Errors.Select(e => e.Status).Distinct().Count() == 1 ? Errors[0].Status : Errors.Max(e => e.Status) / 100 * 100;

    public static JsonApiException BadQuery(string code, string parameter, string detail) =>
        new(new ErrorObject(400, code, "Invalid query parameter", detail, ErrorSource.AtParameter(parameter)));

    public static JsonApiException BadDocument(string pointer, string detail) =>
        new(new ErrorObject(400, ErrorCodes.InvalidDataFormat, "Invalid document", detail, ErrorSource.AtPointer(pointer)));

    public static JsonApiException Invalid(string pointer, string detail, string code = ErrorCodes.ValidationError) =>
        new(new ErrorObject(422, code, "Unprocessable entity", detail, ErrorSource.AtPointer(pointer)));

    public static JsonApiException NotFound(string type, string id, string? pointer = null) =>
        new(new ErrorObject(404, ErrorCodes.RecordNotFound, "Record not found", $"The {type} resource with id '{id}' was not found.",
            pointer is null ? null : ErrorSource.AtPointer(pointer)));

    public static JsonApiException Forbidden(string detail, string? pointer = null) =>
        new(new ErrorObject(403, ErrorCodes.Forbidden, "Forbidden", detail, pointer is null ? null : ErrorSource.AtPointer(pointer)));

    public static JsonApiException Conflict(string code, string detail, string? pointer = null) =>
        new(new ErrorObject(409, code, "Conflict", detail, pointer is null ? null : ErrorSource.AtPointer(pointer)));
}
