using System.Collections.Concurrent;
using Hub.Contracts.Sync;
using MassTransit;

namespace Hub.Dossiers.Tests.Infrastructure;

/// <summary>
/// A real consumer on the broker: its own bus and durable queue (so it survives a broker restart),
/// recording every dossier state it receives whose code starts with the test's prefix.
/// </summary>
public sealed class EventCollector : IAsyncDisposable
{
    private readonly IBusControl _bus;

    private EventCollector(IBusControl bus) => _bus = bus;

    /// <summary>Every (code, version) received, with how many times.</summary>
    public ConcurrentDictionary<(string Code, long Version), int> Received { get; } = new();

    public int MessageCount => _messages;

    /// <summary>Publishes on the same broker, as another service would (identity's revocations, for example).</summary>
    public Task PublishAsync<T>(T message) where T : class => _bus.Publish(message);

    private int _messages;

    public static async Task<EventCollector> StartAsync(Uri broker)
    {
        EventCollector? collector = null;
        var queue = $"dossiers-tests-{Guid.NewGuid():N}";
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker);
            rabbit.ReceiveEndpoint(queue, endpoint =>
            {
                endpoint.PrefetchCount = 64;
                endpoint.Handler<DossiersChanged>(context =>
                {
                    Interlocked.Increment(ref collector!._messages);
                    foreach (var dossier in context.Message.Dossiers)
                    {
                        collector.Received.AddOrUpdate((dossier.Code, dossier.Version), 1, (_, n) => n + 1);
                    }
                    return Task.CompletedTask;
                });
            });
        });
        collector = new EventCollector(bus);
        var handle = await bus.StartAsync();
        await handle.Ready;
        return collector;
    }

    public int CountWithPrefix(string prefix) => Received.Keys.Count(k => k.Code.StartsWith(prefix, StringComparison.Ordinal));

    public async ValueTask DisposeAsync() => await _bus.StopAsync();
}
