using Hub.ServiceDefaults.Configuration;
using Hub.ServiceDefaults.Health;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Hub.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    /// <summary>Name of the connection string that holds the broker's amqp:// URI.</summary>
    public const string ConnectionName = "RabbitMQ";

    /// <summary>
    /// MassTransit over RabbitMQ. Queues are prefixed with the service's name, so two services that
    /// consume the same event each get their own durable copy of it.
    /// </summary>
    public static IHostApplicationBuilder AddHubMessaging(
        this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator>? configure = null)
    {
        var broker = new Uri(builder.Configuration.GetRequiredConnectionString(ConnectionName));
        var prefix = builder.Configuration["Hub:ServiceName"] ?? builder.Environment.ApplicationName;
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(prefix, includeNamespace: false));
            configure?.Invoke(bus);
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Name = "masstransit";
                health.Tags.Add(HealthTags.Ready);
                health.MinimalFailureStatus = HealthStatus.Unhealthy;
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker);
                rabbit.ConfigureEndpoints(context);
            });
        });
        // A singleton, so the check's connection lives between runs and is closed with the host.
        builder.Services.AddSingleton(_ => new RabbitMqHealthCheck(broker));
        builder.Services.AddHealthChecks()
            .AddCheck<RabbitMqHealthCheck>("rabbitmq", tags: [HealthTags.Ready], timeout: TimeSpan.FromSeconds(5));
        return builder;
    }
}
