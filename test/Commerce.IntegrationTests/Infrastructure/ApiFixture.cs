namespace Commerce.IntegrationTests.Infrastructure;

/// <summary>Base of integration fixtures: one service and one database per fixture.</summary>
public abstract class ApiFixture
{
    protected CommerceFactory Factory { get; private set; } = null!;
    protected JsonApiClient Api { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    /// <summary>More set-up of the host (e.g. a capturing logger provider).</summary>
    protected virtual Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? Configure => null;

    [OneTimeSetUp]
    public void StartService()
    {
        Factory = new CommerceFactory(Settings, Configure);
        Api = Factory.CreateApiClient();
    }

    [OneTimeTearDown]
    public void StopService()
    {
        // Null when the fixture was ignored before it started (a provider that is not available here).
        Api?.Http.Dispose();
        Factory?.Dispose();
    }

    protected static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 12, 64)].ToUpperInvariant();
}
