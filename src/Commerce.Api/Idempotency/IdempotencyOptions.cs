namespace Commerce.Api.Idempotency;

/// <summary>The <c>Idempotency</c> configuration section.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>
    /// How long after its request began a key whose request never finished (its process died) answers 409 before it
    /// can be used again (default 300 s). Longer than any request may take: at least <c>Payments:GatewayTimeoutSeconds</c>.
    /// </summary>
    public double AbandonedAfterSeconds { get; set; } = 300;
}
