using System.Text;
using Google.Protobuf;
using Hub.Common.V1;
using Hub.Grpc;
using Hub.Sync.Callers;
using Hub.Outbox;
using Hub.Sync.Units;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Sync.Pipeline;

/// <summary>
/// One batch, end to end: refuse the call if any record is outside the caller's subtree, validate
/// each record, then in one transaction lock the stored copies and refuse the records whose stored
/// copy belongs to a unit outside the caller's subtree, copy the others into a temporary table,
/// upsert them with a single statement that only replaces lower versions of the copies it locked,
/// write their events to the outbox and commit. Replies are built only after the commit, so
/// ACCEPTED always means durable.
/// </summary>
public sealed class SyncPipeline<TRecord>
    where TRecord : IMessage<TRecord>
{
    private readonly SyncDataSource _dataSource;
    private readonly ISyncRecordKind<TRecord> _kind;
    private readonly UnitTree _units;
    private readonly SyncOptions _options;
    private readonly OutboxSignal _signal;
    private readonly string _upsertSql;
    private readonly string _copySql;
    private readonly string _createSql;
    private readonly string _storedCopiesSql;

    public SyncPipeline(SyncDataSource dataSource, ISyncRecordKind<TRecord> kind, UnitTree units, SyncOptions options, OutboxSignal signal)
    {
        ArgumentNullException.ThrowIfNull(kind);
        _dataSource = dataSource;
        _kind = kind;
        _units = units;
        _options = options;
        _signal = signal;
        var table = kind.Table;
        var staging = $"sync_in_{table.Name}";
        var columns = string.Join(", ", table.Columns.Select(c => c.Name));
        var updates = string.Join(", ", table.Columns.Where(c => c.Name != table.KeyColumn).Select(c => $"{c.Name} = excluded.{c.Name}"));
        // Made once per connection (SyncDataSource keeps sessions); a commit empties it.
        _createSql = $"CREATE TEMP TABLE IF NOT EXISTS {staging} (LIKE {table.Name} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS";
        _copySql = $"COPY {staging} ({columns}) FROM STDIN (FORMAT BINARY)";
        _upsertSql = new StringBuilder()
            // Rows are taken in key order so that concurrent batches lock shared keys in the same order and cannot deadlock.
            .Append($"INSERT INTO {table.Name} AS current ({columns}) SELECT {columns} FROM {staging} ORDER BY {table.KeyColumn} ")
            .Append($"ON CONFLICT ({table.KeyColumn}) DO UPDATE SET {updates}, updated_at = now() ")
            // Only copies locked and checked beforehand are replaced: a first version that another
            // batch inserted since is left, and the batch runs again (see StoreOnceAsync).
            .Append($"WHERE excluded.{table.VersionColumn} > current.{table.VersionColumn} AND current.{table.KeyColumn} = ANY(@held) ")
            .Append($"RETURNING {table.KeyColumn}")
            .ToString();
        var copyColumns = string.Join("", kind.CheckedColumns.Select(c => $", {c}"));
        _storedCopiesSql = $"SELECT {table.KeyColumn}, {SyncTable.UnitColumn}, {table.VersionColumn}{copyColumns} FROM {table.Name} "
            + $"WHERE {table.KeyColumn} = ANY(@keys) ORDER BY {table.KeyColumn} FOR UPDATE";
    }

    // A batch rolled back by a deadlock or serialisation failure is run again this many times at most.
    private const int MaxConflictAttempts = 5;

    public async Task<IReadOnlyList<RecordResult>> PushAsync(SyncCaller caller, IReadOnlyList<TRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count > _options.MaxBatchSize)
        {
            throw new GrpcCallException(GrpcStatusCode.ResourceExhausted, $"A batch holds at most {_options.MaxBatchSize} records; this one has {records.Count}.");
        }

        var identities = records.Select(_kind.Identify).ToArray();
        RefuseForeignUnits(caller, identities);

        var results = new RecordResult[records.Count];
        // Within one batch a key may repeat; only its highest version goes to the database (one
        // INSERT … ON CONFLICT cannot touch a row twice), the other copies are answered like a
        // re-send once the stored version is known.
        var winners = new Dictionary<string, int>(StringComparer.Ordinal);
        var losers = new List<int>();
        for (var i = 0; i < records.Count; i++)
        {
            results[i] = new RecordResult { Index = i, Key = identities[i].Key };
            var errors = Validate(records[i], identities[i]);
            if (errors.Count > 0)
            {
                Reject(results[i], errors);
            }
            else if (!winners.TryGetValue(identities[i].Key, out var other))
            {
                winners[identities[i].Key] = i;
            }
            else if (identities[i].Version > identities[other].Version)
            {
                winners[identities[i].Key] = i;
                losers.Add(other);
            }
            else
            {
                losers.Add(i);
            }
        }

        if (winners.Count == 0)
        {
            return results;
        }
        var (accepted, stored) = await StoreAsync(caller, records, identities, results, winners, cancellationToken);

        // Only now, with the commit done, do the results say ACCEPTED.
        foreach (var (key, index) in winners)
        {
            if (results[index].Status == RecordStatus.Rejected)
            {
                continue;
            }
            results[index].StoredVersion = accepted.Contains(key) ? identities[index].Version : stored.GetValueOrDefault(key);
            results[index].Status = accepted.Contains(key) ? RecordStatus.Accepted
                : results[index].StoredVersion == identities[index].Version ? RecordStatus.Unchanged
                : RecordStatus.Stale;
        }
        foreach (var index in losers)
        {
            var winner = winners[identities[index].Key];
            var current = results[winner].Status == RecordStatus.Accepted ? identities[winner].Version : stored.GetValueOrDefault(identities[index].Key);
            if (current == 0)
            {
                Reject(results[index], [new FieldError { Field = "source_version", Description = "a higher version of this record in the same batch was refused" }]);
                continue;
            }
            results[index].StoredVersion = current;
            results[index].Status = current == identities[index].Version ? RecordStatus.Unchanged : RecordStatus.Stale;
        }
        return results;
    }

    private void RefuseForeignUnits(SyncCaller caller, RecordIdentity[] identities)
    {
        // Refusing the whole call (not one record) because writing for another unit is an
        // authorisation fault of the client, not bad data: nothing of such a call is stored.
        foreach (var identity in identities)
        {
            if (_units.Contains(identity.UnitCode) && !_units.IsWithin(identity.UnitCode, caller.UnitCode))
            {
                throw new GrpcCallException(GrpcStatusCode.PermissionDenied,
                    $"Record {identity.Key} is for unit {identity.UnitCode}, outside the caller's unit {caller.UnitCode}.");
            }
        }
    }

    private List<FieldError> Validate(TRecord record, RecordIdentity identity)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(identity.Key))
        {
            errors.Add(new FieldError { Field = "key", Description = "the natural key is required" });
        }
        if (identity.Version <= 0)
        {
            errors.Add(new FieldError { Field = "source_version", Description = "must be a positive number" });
        }
        if (!_units.Contains(identity.UnitCode))
        {
            errors.Add(new FieldError { Field = "unit.code", Description = $"'{identity.UnitCode}' is not a known unit" });
        }
        _kind.Validate(record, errors);
        return errors;
    }

    /// <summary>
    /// Stores the batch in one transaction. Concurrent batches can deadlock (existing rows are locked
    /// before new keys are inserted) or fail to serialise; PostgreSQL then rolls one back whole, so
    /// it is run again here rather than answered UNAVAILABLE. Returns the accepted keys and the stored
    /// versions of the others.
    /// </summary>
    private async Task<(HashSet<string> Accepted, Dictionary<string, long> Stored)> StoreAsync(
        SyncCaller caller, IReadOnlyList<TRecord> records, RecordIdentity[] identities, RecordResult[] results, Dictionary<string, int> winners, CancellationToken cancellationToken)
    {
        // Each key another batch inserts under this one's upsert is locked in the next attempt, so
        // such races end; they may take one attempt per key of the batch.
        var raceAttempts = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcome = await StoreOnceAsync(caller, records, identities, winners, cancellationToken);
                if (outcome is null)
                {
                    // Another batch inserted one of these keys meanwhile; nothing was committed: go again, with its row locked.
                    if (++raceAttempts <= winners.Count)
                    {
                        attempt--;
                        continue;
                    }
                    throw new InvalidOperationException($"Records of this batch were still being inserted by other batches after {raceAttempts} attempts.");
                }
                var (accepted, stored, refused) = outcome.Value;
                foreach (var (index, error) in refused)
                {
                    Reject(results[index], [error]);
                }
                return (accepted, stored);
            }
            catch (PostgresException conflict) when (conflict.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
                && attempt < MaxConflictAttempts && !cancellationToken.IsCancellationRequested)
            {
                // Nothing of this attempt was committed: go again.
            }
            catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception) && !cancellationToken.IsCancellationRequested)
            {
                throw DatabaseFailures.Unavailable();
            }
        }
    }

    /// <summary>
    /// One transaction: stored-state checks, COPY, upsert, outbox, commit. Records the stored-state
    /// checks refuse are returned, not yet marked. Null, with nothing committed, when a key had no
    /// stored copy to lock but another batch inserted one before the upsert: that copy was not
    /// checked, so the batch must run again.
    /// </summary>
    private async Task<(HashSet<string> Accepted, Dictionary<string, long> Stored, List<(int Index, FieldError Error)> Refused)?> StoreOnceAsync(
        SyncCaller caller, IReadOnlyList<TRecord> records, RecordIdentity[] identities, Dictionary<string, int> winners, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var candidates = winners.Values.Order().ToList();
        var copies = await LockStoredCopiesAsync(connection, candidates.Select(i => identities[i].Key).ToArray(), cancellationToken);
        var refusedRecords = new List<(int Index, FieldError Error)>();
        var foreign = new HashSet<string>(StringComparer.Ordinal);
        foreach (var index in candidates.ToList())
        {
            var key = identities[index].Key;
            if (!copies.TryGetValue(key, out var copy))
            {
                continue;
            }
            // A province may not overwrite, or move into its subtree, a record another one holds.
            var heldElsewhere = !_units.IsWithin(copy.UnitCode, caller.UnitCode);
            var error = heldElsewhere
                ? new FieldError { Field = _kind.Table.KeyColumn, Description = "is held by a record of a unit outside the caller's unit" }
                : _kind.CheckStored(records[index], copy);
            if (error is null)
            {
                continue;
            }
            refusedRecords.Add((index, error));
            candidates.Remove(index);
            if (heldElsewhere)
            {
                foreign.Add(key);
            }
        }

        var storedForms = candidates.ToDictionary(i => i, i => _kind.ToStored(records[i]));
        var accepted = new HashSet<string>(StringComparer.Ordinal);
        if (candidates.Count > 0)
        {
            await using (var importer = await connection.BeginBinaryImportAsync(_copySql, cancellationToken))
            {
                foreach (var index in candidates)
                {
                    await importer.StartRowAsync(cancellationToken);
                    _kind.WriteRow(importer, storedForms[index]);
                }
                await importer.CompleteAsync(cancellationToken);
            }
            await using var upsert = new NpgsqlCommand(_upsertSql, connection, transaction);
            upsert.Parameters.Add(new NpgsqlParameter("held", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = copies.Keys.ToArray() });
            await using (var reader = await upsert.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    accepted.Add(reader.GetString(0));
                }
            }
            if (candidates.Any(i => !accepted.Contains(identities[i].Key) && !copies.ContainsKey(identities[i].Key)))
            {
                return null;
            }
        }

        // The records not accepted all have a stored copy, locked since it was read. The versions of
        // other units' records are not the caller's to learn.
        var stored = winners.Keys.Where(k => !accepted.Contains(k) && !foreign.Contains(k) && copies.ContainsKey(k))
            .ToDictionary(k => k, k => copies[k].Version, StringComparer.Ordinal);

        var acceptedRecords = candidates.Where(i => accepted.Contains(identities[i].Key)).Select(i => storedForms[i]).ToList();
        var events = acceptedRecords.Chunk(_options.EventBatchSize).Select(chunk => _kind.CreateEvent(chunk)).ToList();
        await OutboxWriter.WriteAsync(connection, transaction, events, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (events.Count > 0)
        {
            _signal.Notify();
        }
        return (accepted, stored, refusedRecords);
    }

    /// <summary>
    /// Reads and locks the stored copies of <paramref name="keys"/>, in key order as the upsert takes
    /// them, and makes sure the staging table exists, in one round trip.
    /// </summary>
    private async Task<Dictionary<string, StoredCopy>> LockStoredCopiesAsync(NpgsqlConnection connection, string[] keys, CancellationToken cancellationToken)
    {
        var copies = new Dictionary<string, StoredCopy>(StringComparer.Ordinal);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(_storedCopiesSql) { Parameters = { new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys } } },
                new NpgsqlBatchCommand(_createSql),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var checkedValues = new object?[reader.FieldCount - 3];
            for (var i = 0; i < checkedValues.Length; i++)
            {
                checkedValues[i] = reader.IsDBNull(i + 3) ? null : reader.GetValue(i + 3);
            }
            copies[reader.GetString(0)] = new StoredCopy(reader.GetString(1), reader.GetInt64(2), checkedValues);
        }
        return copies;
    }

    private static void Reject(RecordResult result, IEnumerable<FieldError> errors)
    {
        result.Status = RecordStatus.Rejected;
        result.Errors.Add(errors);
    }
}
