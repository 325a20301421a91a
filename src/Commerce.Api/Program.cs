using Commerce.Api.Hosting;
using Commerce.Api.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCommerce(builder.Configuration, builder.Environment);

var app = builder.Build();
await app.Services.PrepareDatabaseAsync();
app.UseCommerce();
await app.RunAsync();

/// <summary>The entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
