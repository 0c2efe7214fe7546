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

    // Rows are inserted in the events' order, so the ids come back in that order.
    private const string InsertSql =
        $"INSERT INTO {OutboxMessageConfiguration.Table} (message_type, payload) "
        + "SELECT t, p FROM unnest(@types, @payloads) WITH ORDINALITY AS e(t, p, n) ORDER BY n RETURNING id, message_type; "
        + $"NOTIFY {Channel}";

    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }
        var types = events.Select(e => EventCatalog.UrnOf(e.GetType())).ToArray();
        var payloads = events.Select(e => JsonSerializer.Serialize(e, e.GetType(), EventCatalog.Json)).ToArray();
        await using var command = new NpgsqlCommand(InsertSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = types });
        command.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = payloads });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; await reader.ReadAsync(cancellationToken); i++)
        {
            // The type check guards the order the ids are matched to the events in.
            if (i < events.Count && reader.GetString(1) == types[i])
            {
                RecentEvents.Remember(connection, reader.GetInt64(0), events[i]);
            }
        }
    }
}
