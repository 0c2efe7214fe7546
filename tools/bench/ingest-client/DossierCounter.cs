using Hub.Contracts.Sync;
using MassTransit;

namespace Hub.Bench.Ingest;

/// <summary>A real consumer of DossiersChanged on the broker, counting the dossiers it receives.</summary>
public sealed class DossierCounter : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private long _count;

    private DossierCounter(Func<DossierCounter, IBusControl> create) => _bus = create(this);

    public long Count => Interlocked.Read(ref _count);

    public static async Task<DossierCounter> StartAsync(Uri broker)
    {
        var counter = new DossierCounter(self => Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker);
            rabbit.ReceiveEndpoint($"bench-ingest-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.PrefetchCount = 64;
                endpoint.Handler<DossiersChanged>(context =>
                {
                    Interlocked.Add(ref self._count, context.Message.Dossiers.Count);
                    return Task.CompletedTask;
                });
            });
        }));
        var handle = await counter._bus.StartAsync();
        await handle.Ready;
        return counter;
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync();
}
