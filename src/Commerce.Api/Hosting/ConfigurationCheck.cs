namespace Commerce.Api.Hosting;

/// <summary>
/// Checks the configuration before anything is built from it: every section is bound to its options class and checked by
/// that class's rules (<see cref="CommerceSettings"/>), so that a wrong value becomes a sentence naming the key, not a
/// binder's stack trace.
/// </summary>
public static class ConfigurationCheck
{
    /// <summary>Exit code of a start refused for bad configuration (sysexits' EX_CONFIG; systemd can be told not to restart on it).</summary>
    public const int ExitCode = 78;

    /// <summary>Every wrong value, each named in one sentence; empty when the configuration is good.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration) => CommerceSettings.Read(configuration).Problems;
}
