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
        $"SELECT id, message_type FROM {OutboxMessageConfiguration.Table} WHERE sent_at IS NULL ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED";

    private const string PayloadsSql = $"SELECT id, payload FROM {OutboxMessageConfiguration.Table} WHERE id = ANY(@ids)";

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
        var claimed = new List<(long Id, Type Type)>(options.BatchSize);
        await using (var claim = new NpgsqlCommand(ClaimSql, connection, transaction))
        {
            claim.Parameters.AddWithValue("limit", options.BatchSize);
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add((reader.GetInt64(0), EventCatalog.TypeOf(reader.GetString(1))));
            }
        }
        if (claimed.Count == 0)
        {
            return 0;
        }
        var ids = claimed.Select(c => c.Id).ToList();
        var messages = await EventsAsync(connection, transaction, claimed, cancellationToken);

        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(options.PublishTimeout);
            // Confirms are awaited in parallel: one round trip per pass, not per message. Each goes
            // out as its stored JSON, not serialized again.
            await Task.WhenAll(messages.Select(m => bus.Publish(m.Event.Message, m.Type,
                Pipe.Execute<PublishContext>(context => context.Serializer = new StoredEventSerializer(m.Event.Payload)), timeout.Token)));
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

    /// <summary>The claimed rows' events: those this process wrote as they were, the others read from their payloads.</summary>
    private static async Task<List<(StoredEvent Event, Type Type)>> EventsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<(long Id, Type Type)> claimed, CancellationToken cancellationToken)
    {
        var events = new Dictionary<long, StoredEvent>(claimed.Count);
        foreach (var (id, _) in claimed)
        {
            if (RecentEvents.TryTake(connection, id, out var known))
            {
                events[id] = known;
            }
        }
        var unknown = claimed.Where(c => !events.ContainsKey(c.Id)).ToDictionary(c => c.Id, c => c.Type);
        if (unknown.Count > 0)
        {
            await using var read = new NpgsqlCommand(PayloadsSql, connection, transaction);
            read.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = unknown.Keys.ToArray() });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                var payload = reader.GetFieldValue<byte[]>(1);
                events[id] = new StoredEvent(JsonSerializer.Deserialize(payload, unknown[id], EventCatalog.Json)!, payload);
            }
        }
        return claimed.Select(c => (events[c.Id], c.Type)).ToList();
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
