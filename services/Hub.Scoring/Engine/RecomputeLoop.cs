namespace Hub.Scoring.Engine;

/// <summary>
/// The background loop: claims dirty targets, recomputes and stores them, and goes on until none
/// are left; then sleeps until a consumer wakes it or the poll interval passes. Every refresh
/// interval it marks the running periods of every unit, since open dossiers fall late with time.
/// </summary>
public sealed partial class RecomputeLoop(
    DirtyTargets queue, ScoreEngine engine, RecomputeSignal signal, ScoringOptions options, TimeProvider time, ILogger<RecomputeLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextRefresh = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (time.GetUtcNow() >= nextRefresh)
                {
                    await queue.MarkRunningPeriodsAsync(stoppingToken);
                    nextRefresh = time.GetUtcNow() + options.RefreshInterval;
                }
                await DrainAsync(stoppingToken);
                await signal.WaitAsync(options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The database went away or a round failed: the marks stay, and are claimed again once the lease ends.
                LogRoundFailed(logger, exception);
                await Task.Delay(options.PollInterval, stoppingToken);
            }
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (await engine.RunRoundAsync(queue, cancellationToken) is { } round)
        {
            LogRound(logger, round.Claimed, round.Published.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Recomputed {Targets} targets; {Changed} changed")]
    private static partial void LogRound(ILogger logger, int targets, int changed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A recompute round failed; its targets stay dirty")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
