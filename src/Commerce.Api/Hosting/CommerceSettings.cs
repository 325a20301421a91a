using Commerce.Api.Authentication;
using Commerce.Api.Checkout;
using Commerce.Api.Configuration;
using Commerce.Api.GraphQL;
using Commerce.Api.Idempotency;
using Commerce.Api.Markets;
using Commerce.Api.Outbox;
using Commerce.Api.Persistence;
using Commerce.Api.Placement;
using Commerce.Api.Resources.Organization;
using Commerce.Api.Telemetry;
using Commerce.Api.Webhooks;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Hosting;

/// <summary>
/// Every configuration section the service reads, bound once and validated once, at start-up, before anything is built
/// from it. <see cref="ConfigurationCheck"/> reports the <see cref="Problems"/>; <see cref="Register"/> hands the same
/// bound options to dependency injection, where the code takes them as themselves (<c>PaymentOptions</c>). Bound before
/// the services are registered, not lazily by <c>IOptions&lt;T&gt;</c>, because registration itself depends on them (the
/// database provider, the exporters, the gateways, the checkout link in the resource graph).
/// Each section's rules live beside its options class, in its <see cref="SectionValidator{T}"/>.
/// </summary>
public sealed class CommerceSettings
{
    private readonly List<string> _problems = [];
    private readonly List<Action<IServiceCollection>> _registrations = [];
    private readonly IConfigurationSection _hostSection;

    private CommerceSettings(IConfiguration configuration)
    {
        PublicBaseUrl = PublicAddress.Read(configuration, _problems);
        Database = Bind(configuration, DatabaseOptions.Section, new DatabaseOptionsValidator(configuration));
        Payments = Bind(configuration, PaymentOptions.Section, new PaymentOptionsValidator());
        Idempotency = Bind(configuration, IdempotencyOptions.Section, new IdempotencyOptionsValidator(Payments.GatewayTimeoutSeconds,
            $"{PaymentOptions.Section}:{nameof(PaymentOptions.GatewayTimeoutSeconds)}"));
        Auth = Bind(configuration, AuthOptions.Section, new AuthOptionsValidator(), auth =>
        {
            if (Unset(configuration, AuthOptions.Section, nameof(AuthOptions.Issuer)))
                auth.Issuer = PublicBaseUrl.AbsoluteUri;
        });
        Limits = Bind(configuration, LimitOptions.Section, new LimitOptionsValidator());
        Checkout = Bind(configuration, CheckoutOptions.Section, new CheckoutOptionsValidator(), checkout =>
        {
            if (Unset(configuration, CheckoutOptions.Section, nameof(CheckoutOptions.BaseUrl)))
                checkout.BaseUrl = new Uri(PublicBaseUrl, "checkout").AbsoluteUri;
        });
        Host = Bind(configuration, HostSection, new HostOptionsValidator());
        _hostSection = configuration.GetSection(HostSection);
        Telemetry = Bind(configuration, TelemetryOptions.Section, new TelemetryOptionsValidator());
        Outbox = Bind<OutboxOptions>(configuration, OutboxOptions.Section, validator: null);
        Webhooks = Bind<WebhookOptions>(configuration, WebhookOptions.Section, validator: null, webhooks =>
        {
            if (Unset(configuration, WebhookOptions.Section, nameof(WebhookOptions.PublicApiBase)))
                webhooks.PublicApiBase = new Uri(PublicBaseUrl, "api");
        });
        Markets = Bind(configuration, MarketOptions.Section, new MarketOptionsValidator());
        Organization = Bind(configuration, OrganizationOptions.Section, new OrganizationOptionsValidator(), organization =>
        {
            organization.Domain ??= PublicBaseUrl.Authority;
            organization.LogoUrl = PublicAddress.Resolve(PublicBaseUrl, organization.LogoUrl);
            organization.FaviconUrl = PublicAddress.Resolve(PublicBaseUrl, organization.FaviconUrl);
        });
        GraphQL = Bind(configuration, GraphQLOptions.Section, new GraphQLOptionsValidator());
        Testing = Bind(configuration, TestingOptions.Section, new TestingOptionsValidator());
    }

    /// <summary>HostOptions:ShutdownTimeout bounds how long in-flight requests (placements) may finish after SIGTERM.</summary>
    public const string HostSection = "HostOptions";

    public static CommerceSettings Read(IConfiguration configuration) => new(configuration);

    /// <summary>
    /// Where clients reach the service (<c>PublicBaseUrl</c>; by default the first of <c>Urls</c>), ending in '/': the default
    /// of every setting that names the service's public address (see <see cref="PublicAddress"/>).
    /// </summary>
    public Uri PublicBaseUrl { get; }

    /// <summary>Every wrong value, each named in one sentence; empty when the configuration is good.</summary>
    public IReadOnlyList<string> Problems => _problems;

    public DatabaseOptions Database { get; }
    public PaymentOptions Payments { get; }
    public IdempotencyOptions Idempotency { get; }
    public AuthOptions Auth { get; }
    public LimitOptions Limits { get; }
    public CheckoutOptions Checkout { get; }
    public HostOptions Host { get; }
    public TelemetryOptions Telemetry { get; }
    public OutboxOptions Outbox { get; }
    public WebhookOptions Webhooks { get; }
    public MarketOptions Markets { get; }
    public OrganizationOptions Organization { get; }
    public GraphQLOptions GraphQL { get; }
    /// <summary>Crash tests only: where the service halts to be killed (docs/reliability.md).</summary>
    public TestingOptions Testing { get; }

    /// <summary>Registers each bound section as itself; the host's own <see cref="HostOptions"/> are configured from it.</summary>
    public IServiceCollection Register(IServiceCollection services)
    {
        if (_problems.Count > 0)
            throw new InvalidOperationException("The configuration is invalid: " + string.Join("; ", _problems));
        foreach (var registration in _registrations)
            registration(services);
        // The host's own options also come from elsewhere (its legacy shutdownTimeoutSeconds key): only what this section sets is taken.
        services.Configure<HostOptions>(host =>
        {
            if (_hostSection[nameof(HostOptions.ShutdownTimeout)] is not null)
                host.ShutdownTimeout = Host.ShutdownTimeout;
            if (_hostSection[nameof(HostOptions.StartupTimeout)] is not null)
                host.StartupTimeout = Host.StartupTimeout;
            if (_hostSection[nameof(HostOptions.ServicesStartConcurrently)] is not null)
                host.ServicesStartConcurrently = Host.ServicesStartConcurrently;
            if (_hostSection[nameof(HostOptions.ServicesStopConcurrently)] is not null)
                host.ServicesStopConcurrently = Host.ServicesStopConcurrently;
            if (_hostSection[nameof(HostOptions.BackgroundServiceExceptionBehavior)] is not null)
                host.BackgroundServiceExceptionBehavior = Host.BackgroundServiceExceptionBehavior;
        });
        return services;
    }

    private static bool Unset(IConfiguration configuration, string section, string key) => configuration[$"{section}:{key}"] is null;

    private T Bind<T>(IConfiguration configuration, string section, IValidateOptions<T>? validator, Action<T>? complete = null) where T : class, new()
    {
        var options = SectionBinder.Bind<T>(configuration, section, _problems);
        complete?.Invoke(options);
        if (validator?.Validate(Options.DefaultName, options) is { Failed: true } result)
            _problems.AddRange(result.Failures);
        if (typeof(T) != typeof(HostOptions))
        {
            _registrations.Add(services => services.AddSingleton(options));
        }
        return options;
    }
}

/// <summary>The rules of the host's own <c>HostOptions</c> section.</summary>
internal sealed class HostOptionsValidator() : SectionValidator<HostOptions>(CommerceSettings.HostSection)
{
    protected override void Check(HostOptions options, SectionProblems problems)
    {
        if (options.ShutdownTimeout < TimeSpan.Zero || options.ShutdownTimeout > TimeSpan.FromHours(1))
            problems.Add($"{problems.Key(nameof(options.ShutdownTimeout))} is '{options.ShutdownTimeout}': use a duration such as 00:00:30 (at most one hour)");
    }
}
