using System.Threading.Channels;
using ServingStatus = Hub.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Hub.Grpc.Health;

/// <summary>
/// The serving status of the server ("") and of each service, as grpc.health.v1 reports it.
/// The server as a whole starts SERVING; mapped services start SERVING too.
/// </summary>
public sealed class HealthStatusRegistry
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal) { [string.Empty] = ServingStatus.Serving };
    private readonly List<(string Service, ChannelWriter<ServingStatus> Writer)> _watchers = [];

    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            if (_statuses.TryGetValue(service, out var current) && current == status)
            {
                return;
            }

            _statuses[service] = status;
            foreach (var (watched, writer) in _watchers)
            {
                if (watched == service)
                {
                    writer.TryWrite(status);
                }
            }
        }
    }

    public bool TryGetStatus(string service, out ServingStatus status)
    {
        lock (_gate)
        {
            return _statuses.TryGetValue(service, out status);
        }
    }

    /// <summary>The current status (SERVICE_UNKNOWN if none), then every change, until cancelled.</summary>
    public async IAsyncEnumerable<ServingStatus> WatchAsync(string service, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Only the latest status matters to a watcher, so a slow one skips intermediate changes.
        var channel = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        var entry = (service, channel.Writer);
        lock (_gate)
        {
            channel.Writer.TryWrite(_statuses.TryGetValue(service, out var current) ? current : ServingStatus.ServiceUnknown);
            _watchers.Add(entry);
        }

        try
        {
            await foreach (var status in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return status;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(entry);
            }
        }
    }
}
