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

// A wrong setting stops the service with one clear line on stderr, before anything is built from it.
if (ConfigurationCheck.Problems(builder.Configuration) is { Count: > 0 } problems)
{
    await Console.Error.WriteLineAsync("Commerce cannot start, the configuration is invalid: " + string.Join("; ", problems) + ".");
    return ConfigurationCheck.ExitCode;
}

builder.Services.AddCommerce(builder.Configuration, builder.Environment);

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
await app.RunAsync();
return 0;

/// <summary>The entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
