using Npgsql;

namespace Hub.Sync.Pipeline;

/// <summary>
/// The pipeline's own pool of connections to the service's database. A connection keeps its
/// session when it goes back to this pool (no DISCARD ALL), so a batch finds the staging table it
/// copies into already made by an earlier batch on that connection, and its statements prepared.
/// Making and dropping a temporary table in every batch wrote and deleted catalogue rows and files
/// each time. Only the pipeline uses these connections, and it sets no other session state.
/// </summary>
public sealed class SyncDataSource : IAsyncDisposable, IDisposable
{
    // The few statements a batch runs (lock read, staging, upsert, outbox) are prepared once used twice.
    private const int PreparedStatements = 16;

    private readonly NpgsqlDataSource _source;

    private SyncDataSource(NpgsqlDataSource source) => _source = source;

    public static SyncDataSource Create(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString)
        {
            NoResetOnClose = true,
            MaxAutoPrepare = PreparedStatements,
            AutoPrepareMinUsages = 2,
        };
        return new SyncDataSource(NpgsqlDataSource.Create(settings));
    }

    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) => _source.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    public void Dispose() => _source.Dispose();
}
