using System.Collections.Concurrent;
using Hub.Contracts.Identity;
using MassTransit;

namespace Hub.Identity.Tests;

/// <summary>A consumer of the identity events on the real broker, with its own throwaway queue.</summary>
public sealed class BrokerListener : IAsyncDisposable
{
    private readonly ConcurrentQueue<object> _received = new();
    private readonly IBusControl _bus;

    private BrokerListener(Uri broker)
    {
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker);
            rabbit.ReceiveEndpoint($"identity-tests-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                endpoint.Handler<ClientDisabled>(context => Receive(context.Message));
                endpoint.Handler<ClientSecretRevoked>(context => Receive(context.Message));
                endpoint.Handler<ClientScopesNarrowed>(context => Receive(context.Message));
                endpoint.Handler<TokenRevoked>(context => Receive(context.Message));
            });
        });
    }

    public static async Task<BrokerListener> StartAsync(Uri broker)
    {
        var listener = new BrokerListener(broker);
        await listener._bus.StartAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);
        return listener;
    }

    /// <summary>The first event of this type that matches, waiting for it as long as a slow machine may need.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var found = _received.OfType<T>().FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No {typeof(T).Name} arrived on the broker.");
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync();

    private Task Receive(object message)
    {
        _received.Enqueue(message);
        return Task.CompletedTask;
    }
}
