using Commerce.Api.Configuration;

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

/// <summary>
/// The rules of the <c>Idempotency</c> section; a key outlives any request, so it is checked against the gateway timeout,
/// handed over as its value and configuration key: idempotency records live in the DbContext, and a use of the placement
/// namespace from here would pull it into the DbContext's import cycle (see NamespaceCycleTests).
/// </summary>
internal sealed class IdempotencyOptionsValidator(double gatewayTimeoutSeconds, string gatewayTimeoutKey)
    : SectionValidator<IdempotencyOptions>(IdempotencyOptions.Section)
{
    protected override void Check(IdempotencyOptions options, SectionProblems problems)
    {
        if (problems.Between(nameof(options.AbandonedAfterSeconds), options.AbandonedAfterSeconds, 1, 24 * 3600)
            && gatewayTimeoutSeconds is >= 0.1 and <= 300 && options.AbandonedAfterSeconds <= gatewayTimeoutSeconds)
            problems.Add($"{problems.Key(nameof(options.AbandonedAfterSeconds))} ({SectionProblems.Text(options.AbandonedAfterSeconds)}) must be longer than "
                + $"{gatewayTimeoutKey} ({SectionProblems.Text(gatewayTimeoutSeconds)}), or a retry could run beside the request still in flight");
    }
}
