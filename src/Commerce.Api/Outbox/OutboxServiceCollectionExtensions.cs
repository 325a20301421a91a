namespace Commerce.Api.Outbox;

internal static class OutboxServiceCollectionExtensions
{
    public static IServiceCollection AddOutbox(this IServiceCollection services, OutboxOptions options)
    {
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IEventHandler, CreateShipment>();
        services.AddSingleton<IEventHandler, CancelShipment>();
        services.AddSingleton<IEventHandler, ReturnStock>();
        services.AddSingleton<IEventHandler, Webhooks.WebhookFanout>();
        services.AddSingleton<OutboxDispatcher>();

        // Outbound calls: no automatic redirects (a receiver must answer itself), a timeout per call in the sender.
        services.AddHttpClient(Webhooks.WebhookSender.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<Webhooks.WebhookSender>();
        if (options.Enabled)
        {
            services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
            services.AddHostedService(sp => sp.GetRequiredService<Webhooks.WebhookSender>());
        }
        return services;
    }
}
