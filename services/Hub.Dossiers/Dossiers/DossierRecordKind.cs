using Google.Protobuf;
using Hub.Common.V1;
using Hub.Contracts.Sync;
using Hub.Dossiers.V1;
using Hub.Sync.Pipeline;
using Hub.Sync.Privacy;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Dossiers.Dossiers;

/// <summary>Dossiers in the sync pipeline: key = code, applicant replaced by its keyed hash before anything is stored.</summary>
public sealed class DossierRecordKind(ApplicantHasher hasher) : ISyncRecordKind<Dossier>
{
    private const string StoredStatusSql = "SELECT code, status, version FROM dossiers WHERE code = ANY(@codes) ORDER BY code FOR UPDATE";

    public SyncTable Table { get; } = new("dossiers", "code", "version",
    [
        new("code", NpgsqlDbType.Text),
        new("version", NpgsqlDbType.Bigint),
        new("unit_code", NpgsqlDbType.Text),
        new("procedure_code", NpgsqlDbType.Text),
        new("status", NpgsqlDbType.Smallint),
        new("channel", NpgsqlDbType.Smallint),
        new("received_at", NpgsqlDbType.TimestampTz),
        new("due_at", NpgsqlDbType.TimestampTz),
        new("finished_at", NpgsqlDbType.TimestampTz),
        new("returned_at", NpgsqlDbType.TimestampTz),
        new("applicant_hash", NpgsqlDbType.Text),
        new("record", NpgsqlDbType.Bytea),
    ]);

    public RecordIdentity Identify(Dossier record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Code, record.Unit?.Code ?? "", record.SourceVersion);
    }

    public void Validate(Dossier record, ICollection<FieldError> errors) => DossierValidator.Validate(record, errors);

    public async Task<IReadOnlyDictionary<string, FieldError>> CheckStoredAsync(
        NpgsqlConnection connection, IReadOnlyList<Dossier> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var incoming = records.ToDictionary(r => r.Code, StringComparer.Ordinal);
        var refused = new Dictionary<string, FieldError>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(StoredStatusSql, connection);
        command.Parameters.Add(new NpgsqlParameter("codes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = incoming.Keys.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var dossier = incoming[reader.GetString(0)];
            var stored = (DossierStatus)reader.GetInt16(1);
            // Only a newer version changes the status; an older one is answered STALE anyway.
            if (dossier.SourceVersion > reader.GetInt64(2) && !DossierStatusPolicy.IsAllowed(stored, dossier.Status))
            {
                refused[dossier.Code] = new FieldError
                {
                    Field = "status",
                    Description = $"a dossier in status {(int)stored} cannot move to {(int)dossier.Status}",
                };
            }
        }
        return refused;
    }

    public void WriteRow(NpgsqlBinaryImporter row, Dossier stored)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(stored);
        row.Write(stored.Code, NpgsqlDbType.Text);
        row.Write(stored.SourceVersion, NpgsqlDbType.Bigint);
        row.Write(stored.Unit.Code, NpgsqlDbType.Text);
        row.Write(stored.ProcedureCode, NpgsqlDbType.Text);
        row.Write((short)stored.Status, NpgsqlDbType.Smallint);
        row.Write((short)stored.Channel, NpgsqlDbType.Smallint);
        row.Write(stored.ReceivedAt.ToDateTimeOffset(), NpgsqlDbType.TimestampTz);
        WriteOptional(row, DossierEventMapper.Optional(stored.DueAt));
        WriteOptional(row, DossierEventMapper.Optional(stored.FinishedAt));
        WriteOptional(row, DossierEventMapper.Optional(stored.ReturnedAt));
        if (stored.ApplicantHash.Length > 0)
        {
            row.Write(stored.ApplicantHash, NpgsqlDbType.Text);
        }
        else
        {
            row.WriteNull();
        }
        row.Write(stored.ToByteArray(), NpgsqlDbType.Bytea);
    }

    public object CreateEvent(IReadOnlyList<Dossier> accepted) =>
        new DossiersChanged([.. accepted.Select(DossierEventMapper.ToState)]);

    /// <summary>The dossier as the hub keeps it: identifier, name and phone gone, only the keyed hash and the applicant kind left.</summary>
    public Dossier ToStored(Dossier record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var stored = record.Clone();
        stored.ApplicantHash = hasher.Hash(record.Applicant?.Identifier) ?? "";
        stored.Applicant = record.Applicant is null ? null : new Applicant { Kind = record.Applicant.Kind };
        return stored;
    }

    private static void WriteOptional(NpgsqlBinaryImporter row, DateTimeOffset? value)
    {
        if (value is { } date)
        {
            row.Write(date, NpgsqlDbType.TimestampTz);
        }
        else
        {
            row.WriteNull();
        }
    }
}
