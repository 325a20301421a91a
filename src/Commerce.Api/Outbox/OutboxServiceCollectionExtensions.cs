namespace Commerce.Api.Outbox;

internal static class OutboxServiceCollectionExtensions
{
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(OutboxOptions.Section).Get<OutboxOptions>() ?? new OutboxOptions();
        services.AddSingleton(options);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IEventHandler, CreateShipment>();
        services.AddSingleton<IEventHandler, CancelShipment>();
        services.AddSingleton<IEventHandler, ReturnStock>();
        services.AddSingleton<OutboxDispatcher>();
        if (options.Enabled)
            services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
