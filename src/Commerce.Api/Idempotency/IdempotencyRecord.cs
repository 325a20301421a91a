namespace Commerce.Api.Idempotency;

/// <summary>A request made with an <c>Idempotency-Key</c>, and once it finished, the response to replay.</summary>
public sealed class IdempotencyRecord
{
    public string Key { get; set; } = string.Empty;
    /// <summary>SHA-256 of method, path, query and body: the same key with another request is refused.</summary>
    public string Fingerprint { get; set; } = string.Empty;
    public bool Completed { get; set; }
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public byte[]? Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
