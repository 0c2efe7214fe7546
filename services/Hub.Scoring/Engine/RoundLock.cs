using Npgsql;

namespace Hub.Scoring.Engine;

/// <summary>
/// One round at a time across every replica: a round replaces the stored own counts of the pairs
/// it refreshes (delete, then insert), which two rounds must not do at once. Replicas still share
/// the work, taking turns; the lock ends with the round's transaction.
/// </summary>
public static class RoundLock
{
    // A key of this service's own; the reference-data loader holds 766_000.
    private const long Key = 766_001;

    public static async Task AcquireAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction);
        command.Parameters.AddWithValue("key", Key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
