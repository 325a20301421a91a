using Microsoft.Playwright;

namespace Commerce.BrowserTests;

/// <summary>
/// The real service on a free loopback port and Debian's Chromium, headless, driven by Playwright: what every browser
/// fixture starts once and stops at the end. Without Chromium the fixture is ignored (reported), not failed.
/// </summary>
public sealed class ServiceInChromium : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private ServiceInChromium(CommerceFactory factory, string baseUrl, IPlaywright playwright, IBrowser browser) =>
        (Factory, BaseUrl, Playwright, Browser) = (factory, baseUrl, playwright, browser);

    public CommerceFactory Factory { get; }
    public string BaseUrl { get; }
    public IPlaywright Playwright { get; }
    public IBrowser Browser { get; }

    /// <param name="settings">The service's settings, given its base URL (e.g. a checkout link pointing at it).</param>
    public static async Task<ServiceInChromium> StartAsync(Func<string, IReadOnlyDictionary<string, string?>?>? settings = null)
    {
        if (!File.Exists(ChromiumPath))
            Assert.Ignore($"{ChromiumPath} is missing: apt-get install -y chromium (.ci/run does).");
        var port = ServiceProcess.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var factory = new CommerceFactory(settings?.Invoke(baseUrl));
        factory.UseKestrel(port);
        factory.StartServer();
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new ServiceInChromium(factory, baseUrl, playwright, browser);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        Factory.Dispose();
    }
}
