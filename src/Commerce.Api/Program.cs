using Commerce.Api.Authentication;
using Commerce.Api.Hosting;
using Commerce.Api.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCommerce(builder.Configuration, builder.Environment);

var app = builder.Build();
await app.Services.PrepareDatabaseAsync();
if (ApplicationsCommand.Matches(args))
    return await ApplicationsCommand.RunAsync(args, app.Services);

app.UseCommerce();
await app.RunAsync();
return 0;

/// <summary>The entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
