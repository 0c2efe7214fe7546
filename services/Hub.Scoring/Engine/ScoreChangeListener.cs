using Npgsql;

namespace Hub.Scoring.Engine;

/// <summary>
/// LISTENs on a connection of its own for the NOTIFY that every round storing scores commits with
/// (<see cref="SnapshotWriter.Channel"/>), on this replica or another, and raises the
/// <see cref="ScoreVersion"/>. While the connection is down, queries check the database each time.
/// </summary>
public sealed partial class ScoreChangeListener(NpgsqlDataSource dataSource, ScoreVersion version, ILogger<ScoreChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => version.Raise();
                await using (var listen = new NpgsqlCommand($"LISTEN {SnapshotWriter.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                version.SetWatching(true);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                version.SetWatching(false);
                ListenFailed(logger, exception);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
        version.SetWatching(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The score LISTEN connection was lost; queries check the database until it is back")]
    private static partial void ListenFailed(ILogger logger, Exception exception);
}
