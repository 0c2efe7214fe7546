using Hub.Contracts.Sync;
using MassTransit;

namespace Hub.Scoring.Tests.Infrastructure;

/// <summary>
/// A bus of the test's own on the real broker, publishing the sync events the scoring service
/// consumes (as the sync services' outbox relays do), and counting what a service has consumed.
/// </summary>
public sealed class EventPublisher : IAsyncDisposable
{
    private readonly IBusControl _bus;

    private EventPublisher(IBusControl bus) => _bus = bus;

    public static async Task<EventPublisher> StartAsync(Uri broker)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(broker));
        var handle = await bus.StartAsync();
        await handle.Ready;
        return new EventPublisher(bus);
    }

    public Task PublishAsync<T>(T message) where T : class => _bus.Publish(message);

    /// <summary>Waits until a service's bus is connected and its receive endpoints are bound.</summary>
    public static async Task WaitUntilHealthyAsync(IServiceProvider services)
    {
        var bus = (IBusControl)services.GetService(typeof(IBusControl))!;
        if (!await Hub.Testing.Eventually.HoldsAsync(() => bus.CheckHealth().Status == BusHealthStatus.Healthy, TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("the scoring service's bus did not become healthy");
        }
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync();
}

/// <summary>
/// Counts the messages a bus's consumers finished (after retries) or gave up on, by message type:
/// those the test's filter calls its own (the broker is shared with other tests).
/// </summary>
public sealed class ConsumedCounter(Func<object, bool> mine) : IConsumeObserver
{
    private readonly Dictionary<Type, int> _counts = [];
    private readonly Lock _lock = new();
    private int _faults;

    public int Faults => Volatile.Read(ref _faults);

    public int Count<T>()
    {
        lock (_lock)
        {
            return _counts.GetValueOrDefault(typeof(T));
        }
    }

    /// <summary>
    /// The sync events consumed (dossiers, procedures, feedback, declared totals, documents), leaving
    /// out the service's own results, which it also consumes (its live feed).
    /// </summary>
    public int SyncEvents => Count<DossiersChanged>() + Count<ProceduresChanged>() + Count<FeedbackChanged>() + Count<PeriodTotalsDeclared>()
        + Count<DocumentsChanged>();

    /// <summary>Attaches a counter of the messages <paramref name="mine"/> accepts to a running service's bus.</summary>
    public static (ConsumedCounter Counter, ConnectHandle Handle) Attach(IServiceProvider services, Func<object, bool> mine)
    {
        var counter = new ConsumedCounter(mine);
        var bus = (IBus)services.GetService(typeof(IBus))!;
        return (counter, bus.ConnectConsumeObserver(counter));
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!mine(context.Message))
        {
            return Task.CompletedTask;
        }
        lock (_lock)
        {
            _counts[typeof(T)] = _counts.GetValueOrDefault(typeof(T)) + 1;
        }
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        if (mine(context.Message))
        {
            Interlocked.Increment(ref _faults);
        }
        return Task.CompletedTask;
    }
}
