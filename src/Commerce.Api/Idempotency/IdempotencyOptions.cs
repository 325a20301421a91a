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

/// <summary>The rules of the <c>Idempotency</c> section; a key outlives any request, so it is checked against the gateway timeout.</summary>
internal sealed class IdempotencyOptionsValidator(Placement.PaymentOptions payments) : SectionValidator<IdempotencyOptions>(IdempotencyOptions.Section)
{
    protected override void Check(IdempotencyOptions options, SectionProblems problems)
    {
        if (problems.Between(nameof(options.AbandonedAfterSeconds), options.AbandonedAfterSeconds, 1, 24 * 3600)
            && payments.GatewayTimeoutSeconds is >= 0.1 and <= 300 && options.AbandonedAfterSeconds <= payments.GatewayTimeoutSeconds)
            problems.Add($"{problems.Key(nameof(options.AbandonedAfterSeconds))} ({SectionProblems.Text(options.AbandonedAfterSeconds)}) must be longer than "
                + $"{Placement.PaymentOptions.Section}:{nameof(payments.GatewayTimeoutSeconds)} ({SectionProblems.Text(payments.GatewayTimeoutSeconds)}), or a retry could run beside the request still in flight");
    }
}
