using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Outbox;

/// <summary>
/// Publishes pending outbox rows and marks them sent. Rows are claimed with FOR UPDATE SKIP LOCKED
/// inside a transaction that lasts until the broker has confirmed them, so replicas never publish
/// the same row at once; a crash between confirm and commit republishes (consumers are idempotent
/// by version). The RabbitMQ transport awaits publisher confirms, so "sent" means the broker has it.
/// </summary>
public sealed class OutboxRelay(
    NpgsqlDataSource dataSource, IBus bus, OutboxSignal signal, OutboxOptions options, ILogger<OutboxRelay> logger) : BackgroundService
{
    private const string ClaimSql =
        $"SELECT id, message_type, payload FROM {OutboxMessageConfiguration.Table} WHERE sent_at IS NULL ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED";

    private const string MarkSql = $"UPDATE {OutboxMessageConfiguration.Table} SET sent_at = clock_timestamp() WHERE id = ANY(@ids)";

    private const string CleanupSql = $"DELETE FROM {OutboxMessageConfiguration.Table} WHERE sent_at < now() - @retention";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextCleanup = DateTimeOffset.UtcNow + options.CleanupInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full pass means more may be waiting: go again at once rather than wait.
                if (await RelayOnceAsync(stoppingToken) == options.BatchSize)
                {
                    continue;
                }
                if (DateTimeOffset.UtcNow >= nextCleanup)
                {
                    nextCleanup = DateTimeOffset.UtcNow + options.CleanupInterval;
                    await CleanUpAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                OutboxLog.PassFailed(logger, exception);
                await Task.Delay(options.RetryDelay, stoppingToken);
                continue;
            }
            await signal.WaitAsync(options.PollInterval, stoppingToken);
        }
    }

    /// <summary>One pass: claim up to a batch, publish it, mark it sent. Returns how many were sent.</summary>
    public async Task<int> RelayOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new List<long>(options.BatchSize);
        var messages = new List<(object Message, Type Type)>(options.BatchSize);
        await using (var claim = new NpgsqlCommand(ClaimSql, connection, transaction))
        {
            claim.Parameters.AddWithValue("limit", options.BatchSize);
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
                var type = EventCatalog.TypeOf(reader.GetString(1));
                messages.Add((JsonSerializer.Deserialize(reader.GetString(2), type, EventCatalog.Json)!, type));
            }
        }
        if (ids.Count == 0)
        {
            return 0;
        }

        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(options.PublishTimeout);
            // Confirms are awaited in parallel: one round trip per pass, not per message.
            await Task.WhenAll(messages.Select(m => bus.Publish(m.Message, m.Type, timeout.Token)));
        }

        await using (var mark = new NpgsqlCommand(MarkSql, connection, transaction))
        {
            mark.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids.ToArray() });
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        OutboxLog.Published(logger, ids.Count);
        return ids.Count;
    }

    private async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CleanupSql);
        command.Parameters.AddWithValue("retention", options.Retention);
        var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
        if (deleted > 0)
        {
            OutboxLog.CleanedUp(logger, deleted);
        }
    }
}
