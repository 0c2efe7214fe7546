using System.Collections.Concurrent;
using Hub.ServiceDefaults.Messaging;
using Hub.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hub.ServiceDefaults.Tests;

/// <summary>MassTransit, registered as every service registers it, round-trips through the real broker.</summary>
public sealed class MessagingTests
{
    [Fact]
    public async Task A_published_event_reaches_its_consumer_through_RabbitMQ()
    {
        var servers = await TestServers.GetAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RabbitMQ"] = servers.RabbitMqUri.ToString(),
            ["Hub:ServiceName"] = $"messaging-test-{Guid.NewGuid():N}",
        });
        builder.AddHubMessaging(bus => bus.AddConsumer<SampleDossierReceivedConsumer>());
        using var host = builder.Build();
        await host.StartAsync();
        // The consumer's queue is bound to the event's exchange while the bus starts; an event
        // published before that has nowhere to go, as with any fan-out exchange.
        var bus = host.Services.GetRequiredService<IBusControl>();
        Assert.True(await Eventually.HoldsAsync(() => bus.CheckHealth().Status == BusHealthStatus.Healthy, TimeSpan.FromSeconds(60)), "the bus did not become healthy");

        var dossierCode = $"000.00.01.H56-{Guid.NewGuid():N}";
        await host.Services.GetRequiredService<IPublishEndpoint>().Publish(new SampleDossierReceived(dossierCode, 3));

        var received = await SampleDossierReceivedConsumer.WaitForAsync(dossierCode, TimeSpan.FromSeconds(60));
        Assert.Equal(3, received.Version);
        await host.StopAsync();
    }

}

public sealed record SampleDossierReceived(string DossierCode, long Version);

public sealed class SampleDossierReceivedConsumer : IConsumer<SampleDossierReceived>
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource<SampleDossierReceived>> Seen = new();

    public Task Consume(ConsumeContext<SampleDossierReceived> context)
    {
        Waiter(context.Message.DossierCode).TrySetResult(context.Message);
        return Task.CompletedTask;
    }

    public static Task<SampleDossierReceived> WaitForAsync(string dossierCode, TimeSpan limit) =>
        Waiter(dossierCode).Task.WaitAsync(limit);

    private static TaskCompletionSource<SampleDossierReceived> Waiter(string code) =>
        Seen.GetOrAdd(code, _ => new TaskCompletionSource<SampleDossierReceived>(TaskCreationOptions.RunContinuationsAsynchronously));
}
