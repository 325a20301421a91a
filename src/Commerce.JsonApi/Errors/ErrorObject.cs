namespace Commerce.JsonApi.Errors;

/// <summary>Where an error comes from: exactly one of the three members is set.</summary>
public sealed record ErrorSource(string? Pointer = null, string? Parameter = null, string? Header = null)
{
    public static ErrorSource AtPointer(string pointer) => new(Pointer: pointer);
    public static ErrorSource AtParameter(string parameter) => new(Parameter: parameter);
    public static ErrorSource AtHeader(string header) => new(Header: header);
}

/// <summary>A JSON:API error object. <see cref="Status"/> is written as a string, as the spec says.</summary>
public sealed record ErrorObject(int Status, string Code, string Title, string Detail, ErrorSource? Source = null)
{
    public IReadOnlyDictionary<string, object?>? Meta { get; init; }
}
