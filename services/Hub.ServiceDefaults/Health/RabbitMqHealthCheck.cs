using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Hub.ServiceDefaults.Health;

/// <summary>
/// Ready only while the broker accepts an AMQP connection. MassTransit's own bus check stays
/// healthy when a service has no receive endpoint, so it cannot tell that the broker went away.
/// One connection is kept open between checks; the broker closes it when it stops.
/// </summary>
internal sealed class RabbitMqHealthCheck(Uri broker) : IHealthCheck, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is not { IsOpen: true })
            {
                await CloseAsync();
                _connection = await NewFactory().CreateConnectionAsync("readiness", cancellationToken);
            }
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is BrokerUnreachableException or OperationInterruptedException or IOException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("RabbitMQ is not reachable: " + ex.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _gate.Dispose();
    }

    private ConnectionFactory NewFactory() => new()
    {
        Uri = broker,
        AutomaticRecoveryEnabled = false,
        RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
    };

    private async Task CloseAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}
