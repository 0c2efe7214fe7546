using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Outbox;

/// <summary>
/// Writes events into the outbox inside the caller's transaction, and a NOTIFY that PostgreSQL
/// delivers only if that transaction commits, to wake the relays of every replica.
/// </summary>
public static class OutboxWriter
{
    public const string Channel = "hub_outbox";

    private const string InsertSql = $"INSERT INTO {OutboxMessageConfiguration.Table} (message_type, payload) VALUES (@type, @payload) RETURNING id";

    private const string NotifySql = $"NOTIFY {Channel}";

    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }
        // One row per event, all in one round trip. The payload goes as UTF-8 bytes, as a scalar:
        // serialized once, kept for the relay to publish as it is (RecentEvents).
        var payloads = events.Select(e => JsonSerializer.SerializeToUtf8Bytes(e, e.GetType(), EventCatalog.Json)).ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction);
        for (var i = 0; i < events.Count; i++)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(InsertSql)
            {
                Parameters =
                {
                    new NpgsqlParameter("type", NpgsqlDbType.Text) { Value = EventCatalog.UrnOf(events[i].GetType()) },
                    new NpgsqlParameter("payload", NpgsqlDbType.Text) { Value = payloads[i] },
                },
            });
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand(NotifySql));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; i < events.Count; i++)
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("An outbox insert returned no id.");
            }
            RecentEvents.Remember(connection, reader.GetInt64(0), new StoredEvent(events[i], payloads[i]));
            await reader.NextResultAsync(cancellationToken);
        }
    }
}
