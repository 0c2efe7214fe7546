using Google.Protobuf;
using Hub.Common.V1;
using Npgsql;

namespace Hub.Sync.Pipeline;

/// <summary>
/// The area-specific half of the pipeline for one record type: identity, validation, the row it
/// becomes and the events it produces. Everything else (batching, subtree checks, the upsert, the
/// outbox, results) is shared.
/// </summary>
public interface ISyncRecordKind<TRecord>
    where TRecord : IMessage<TRecord>
{
    SyncTable Table { get; }

    RecordIdentity Identify(TRecord record);

    /// <summary>Field checks that need nothing but the record; add one error per refused field.</summary>
    void Validate(TRecord record, ICollection<FieldError> errors);

    /// <summary>The stored columns <see cref="CheckStored"/> reads, besides the unit and the version.</summary>
    IReadOnlyList<string> CheckedColumns => [];

    /// <summary>
    /// Checks a record against its stored copy, read inside the upsert's transaction with the row
    /// locked, for rules such as status transitions. Null when the record may replace it.
    /// </summary>
    FieldError? CheckStored(TRecord record, StoredCopy stored) => null;

    /// <summary>
    /// The record as the hub keeps it (personal identifiers replaced by keyed hashes, for example).
    /// The pipeline takes it once per record and hands it to both <see cref="WriteRow"/> and
    /// <see cref="CreateEvent"/>, so the stored row and the event can never differ.
    /// </summary>
    TRecord ToStored(TRecord record) => record;

    /// <summary>Writes one row of a record in its stored form, column by column in <see cref="SyncTable.Columns"/> order.</summary>
    void WriteRow(NpgsqlBinaryImporter row, TRecord stored);

    /// <summary>The events for accepted records in their stored form (already chunked to the event batch size by the caller).</summary>
    object CreateEvent(IReadOnlyList<TRecord> accepted);
}
