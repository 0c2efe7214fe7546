using System.Text.Json;
using Hub.Identity.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Hub.Identity.Outbox;

/// <summary>
/// Publishes committed outbox rows to RabbitMQ (MassTransit uses publisher confirms, so a row is
/// marked sent only once the broker has it). Rows are claimed with FOR UPDATE SKIP LOCKED, so
/// several replicas can relay at once without publishing a row twice; if the broker is down the
/// rows wait and the admin changes that wrote them still succeed.
/// </summary>
public sealed class OutboxRelay(IServiceScopeFactory scopes, IBus bus, OutboxSignal signal, TimeProvider time, ILogger<OutboxRelay> logger)
    : BackgroundService
{
    private const int BatchSize = 50;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await RelayBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Whatever failed (broker, database, a row), the relay must live on: the rows stay
                // pending and the next round retries them.
                IdentityLog.OutboxRelayFailed(logger, exception);
            }
            if (sent < BatchSize)
            {
                try
                {
                    await signal.WaitAsync(PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityContext>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var rows = await db.Outbox
                .FromSql($"SELECT * FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                var type = OutboxEventTypes.Resolve(row.Type);
                var message = JsonSerializer.Deserialize(row.Payload, type)!;
                await bus.Publish(message, type, ct);
                row.SentAt = time.GetUtcNow();
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return rows.Count;
        }, cancellationToken);
    }
}
