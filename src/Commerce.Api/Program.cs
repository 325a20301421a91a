using Commerce.Api.Authentication;
using Commerce.Api.Hosting;
using Commerce.Api.Persistence;

WebApplicationBuilder builder;
try
{
    builder = WebApplication.CreateBuilder(args);
}
catch (Exception exception) when (exception is InvalidDataException or FormatException or DirectoryNotFoundException or FileNotFoundException)
{
    // An unreadable appsettings file or a content root that does not exist.
    var what = exception is DirectoryNotFoundException ? "the content root does not exist: " : "";
    await Console.Error.WriteLineAsync($"Commerce cannot start, the configuration could not be read: {what}{exception.Message}");
    return ConfigurationCheck.ExitCode;
}

// Every section bound and checked once; a wrong setting stops the service with one clear line on stderr, before anything is
// built from it.
var settings = CommerceSettings.Read(builder.Configuration);
if (settings.Problems is { Count: > 0 } problems)
{
    await Console.Error.WriteLineAsync("Commerce cannot start, the configuration is invalid: " + string.Join("; ", problems) + ".");
    return ConfigurationCheck.ExitCode;
}

builder.Services.AddCommerce(builder.Configuration, builder.Environment, settings);
// A start-up failure is reported once, by the catch below, not also by the host's log with its stack trace.
var started = false;
builder.Logging.AddFilter(HostCategory, level => level >= LogLevel.Information && (started || level < LogLevel.Error));

var app = builder.Build();
try
{
    await app.Services.PrepareDatabaseAsync();
}
catch (Exception exception) when (!app.Environment.IsEnvironment("Testing"))
{
    // Not a stack trace: which database, and what its driver said (driver messages do not carry passwords).
    await Console.Error.WriteLineAsync($"Commerce cannot start, the database could not be prepared: {exception.GetType().Name}: {exception.Message}");
    return 1;
}
if (ApplicationsCommand.Matches(args))
    return await ApplicationsCommand.RunAsync(args, app.Services);

app.UseCommerce();
app.Lifetime.ApplicationStarted.Register(() => started = true);
try
{
    await app.RunAsync();
}
catch (IOException exception) when (exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // Kestrel says which address: "Failed to bind to address http://127.0.0.1:5000: address already in use."
    await Console.Error.WriteLineAsync($"Commerce cannot start: {exception.Message.TrimEnd('.')}. Stop the program that uses it, "
        + "or choose another address with the Urls setting (--urls http://127.0.0.1:5001, or Urls=http://127.0.0.1:5001 in the environment).");
    return ConfigurationCheck.ExitCode;
}
return 0;

/// <summary>The entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program
{
    /// <summary>The generic host's own log category (start-up failures, background services that fault).</summary>
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
}
