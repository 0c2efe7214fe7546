using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hub.Outbox;

/// <summary>
/// LISTENs on a connection of its own for the NOTIFY every outbox write commits with, and wakes
/// the relay: new rows go out at once, without polling the table in a tight loop. Another
/// replica's commits wake this one too.
/// </summary>
public sealed class OutboxListener(NpgsqlDataSource dataSource, OutboxSignal signal, OutboxOptions options, ILogger<OutboxListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => signal.Notify();
                await using (var listen = new NpgsqlCommand($"LISTEN {OutboxWriter.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                // Rows may have been written while this connection was down.
                signal.Notify();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                OutboxLog.ListenFailed(logger, exception);
                signal.Notify();
                await Task.Delay(options.RetryDelay, stoppingToken);
            }
        }
    }
}
