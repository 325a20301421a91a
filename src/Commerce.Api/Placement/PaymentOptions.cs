using Commerce.Api.Configuration;

namespace Commerce.Api.Placement;

/// <summary>The <c>Payments</c> configuration section.</summary>
public sealed class PaymentOptions
{
    public const string Section = "Payments";

    /// <summary>How long placement waits for a gateway's authorization before it gives up and voids (default 10 s).</summary>
    public double GatewayTimeoutSeconds { get; set; } = 10;

    /// <summary>How long an order may stay <c>placing</c> before the reconciler settles it (default 2 minutes).</summary>
    public double ReconcileAfterSeconds { get; set; } = 120;

    /// <summary>How often the reconciler looks for orders left <c>placing</c> (default 60 s).</summary>
    public double ReconcileIntervalSeconds { get; set; } = 60;

    /// <summary>
    /// For how long after an authorization failed (gateway error or timeout) the reconciler keeps asking the gateway
    /// whether it committed it late anyway, and voids it if so (default 1 hour).
    /// </summary>
    public double LateAuthorizationWindowSeconds { get; set; } = 3600;

    public ExternalGatewayOptions External { get; set; } = new();

    public TimeSpan GatewayTimeout => TimeSpan.FromSeconds(GatewayTimeoutSeconds);
}

/// <summary>The <c>external</c> HTTP gateway: configured when <see cref="AuthorizeUrl"/> is set.</summary>
public sealed class ExternalGatewayOptions
{
    public Uri? AuthorizeUrl { get; set; }
    public Uri? VoidUrl { get; set; }
    public Uri? CaptureUrl { get; set; }
    public Uri? RefundUrl { get; set; }
    /// <summary>GET {LookupUrl}?idempotency_key=… answers the authorization held under a key (404: none).</summary>
    public Uri? LookupUrl { get; set; }
    /// <summary>Signs every request body: header <c>X-Commerce-Signature: sha256=&lt;hex HMAC-SHA256&gt;</c>.</summary>
    public string? SharedSecret { get; set; }
    public double TimeoutSeconds { get; set; } = 10;

    public bool IsConfigured => AuthorizeUrl is not null;
}

/// <summary>The rules of the <c>Payments</c> section.</summary>
internal sealed class PaymentOptionsValidator() : SectionValidator<PaymentOptions>(PaymentOptions.Section)
{
    protected override void Check(PaymentOptions options, SectionProblems problems)
    {
        var gateway = problems.Between(nameof(options.GatewayTimeoutSeconds), options.GatewayTimeoutSeconds, 0.1, 300);
        var reconcile = problems.Between(nameof(options.ReconcileAfterSeconds), options.ReconcileAfterSeconds, 1, 7 * 24 * 3600);
        // A placement asks the gateway once (authorize), and once that failed it renews its hold and asks at most twice more
        // (find, void), each call bounded by the timeout: the reconciler must wait longer than two of them.
        if (gateway && reconcile && options.ReconcileAfterSeconds <= 2 * options.GatewayTimeoutSeconds)
            problems.Add($"{problems.Key(nameof(options.ReconcileAfterSeconds))} ({SectionProblems.Text(options.ReconcileAfterSeconds)}) must be longer than twice "
                + $"{problems.Key(nameof(options.GatewayTimeoutSeconds))} ({SectionProblems.Text(options.GatewayTimeoutSeconds)}), or the reconciler would take placements still in flight");
        problems.Between(nameof(options.ReconcileIntervalSeconds), options.ReconcileIntervalSeconds, 0.1, 3600);
        problems.Between(nameof(options.LateAuthorizationWindowSeconds), options.LateAuthorizationWindowSeconds, 0, 30 * 24 * 3600);
        var external = options.External;
        problems.Between("External:TimeoutSeconds", external.TimeoutSeconds, 0.1, 300);
        problems.HttpUrl("External:AuthorizeUrl", external.AuthorizeUrl);
        problems.HttpUrl("External:VoidUrl", external.VoidUrl);
        problems.HttpUrl("External:CaptureUrl", external.CaptureUrl);
        problems.HttpUrl("External:RefundUrl", external.RefundUrl);
        problems.HttpUrl("External:LookupUrl", external.LookupUrl);
    }
}
