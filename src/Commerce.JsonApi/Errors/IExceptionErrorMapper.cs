namespace Commerce.JsonApi.Errors;

/// <summary>
/// Lets the host translate its own exceptions (domain rules, persistence) into JSON:API errors.
/// The error funnel asks every registered mapper in order; the first non-null answer wins.
/// </summary>
public interface IExceptionErrorMapper
{
    JsonApiException? Map(Exception exception);
}
