using System.Text.Json;
using Microsoft.Playwright;

namespace Commerce.BrowserTests;

/// <summary>
/// axe-core (from npm: <c>npm ci</c> in test/Commerce.BrowserTests installs it; .ci/run does) run in the page under test. The
/// script is evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern, so the page is
/// checked with its real policy. A missing axe-core fails the test: an accessibility check that silently did not run proves nothing.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(Load);

    /// <summary>The serious and critical violations on the page as it is now: "rule: target (summary)" lines; empty when clean.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync(Source.Value);
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .flatMap(v => v.nodes.map(n => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary}`)));
            }
            """);
        return JsonSerializer.Deserialize<string[]>(json) ?? [];
    }

    private static string Load()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(directory.FullName, "node_modules", "axe-core", "axe.min.js"),
                         Path.Combine(directory.FullName, "test", "Commerce.BrowserTests", "node_modules", "axe-core", "axe.min.js") })
                if (File.Exists(candidate))
                    return File.ReadAllText(candidate);
        }
        Assert.Fail("axe-core is not installed: run `npm ci` in test/Commerce.BrowserTests (.ci/run does).");
        return "";
    }
}
