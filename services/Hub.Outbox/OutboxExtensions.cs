using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hub.Outbox;

public static class OutboxExtensions
{
    /// <summary>
    /// The relay that publishes this service's outbox rows, and the listener that wakes it on every
    /// commit. The service's database needs the <see cref="OutboxMessageConfiguration.Table"/> table
    /// and an NpgsqlDataSource (AddHubDbContext registers one); options come from "Outbox".
    /// </summary>
    public static IHostApplicationBuilder AddHubOutbox(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(builder.Configuration.GetSection(OutboxOptions.Section).Get<OutboxOptions>() ?? new OutboxOptions());
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddHostedService<OutboxListener>();
        builder.Services.AddHostedService<OutboxRelay>();
        return builder;
    }
}
