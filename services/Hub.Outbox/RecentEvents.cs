using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace Hub.Outbox;

/// <summary>
/// The events this process wrote to an outbox moments ago, by outbox row, with their JSON, so that
/// its relay can publish them without reading their payloads back and parsing them again (a batch
/// event is hundreds of kilobytes of JSON; parsing it was a tenth of the dossier service's CPU at
/// full ingest). A row is known by its database and id, so a relay never takes
/// another database's event; any replica's relay may take a row, and one whose writer is not this
/// process reads the payload as before. Entries of rolled-back writes are never taken: the memory
/// is emptied whenever it grows past its capacity.
/// </summary>
internal static class RecentEvents
{
    // Taken within moments while the broker is up; while it is down they pile up, and a batch event
    // holds up to 500 records, so only a few dozen are kept.
    private const int Capacity = 64;

    private static readonly ConcurrentDictionary<(string Database, long Id), StoredEvent> Events = new();

    public static void Remember(NpgsqlConnection connection, long id, StoredEvent @event)
    {
        if (Events.Count >= Capacity)
        {
            Events.Clear();
        }
        Events[(DatabaseOf(connection), id)] = @event;
    }

    public static bool TryTake(NpgsqlConnection connection, long id, [NotNullWhen(true)] out StoredEvent? @event) =>
        Events.TryRemove((DatabaseOf(connection), id), out @event);

    private static string DatabaseOf(NpgsqlConnection connection) => $"{connection.Host}:{connection.Port}/{connection.Database}";
}
