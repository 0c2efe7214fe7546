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

    public IReadOnlyList<string> CheckedColumns { get; } = ["status"];

    public FieldError? CheckStored(Dossier record, StoredCopy stored)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(stored);
        var status = (DossierStatus)(short)stored.Checked[0]!;
        // Only a newer version changes the status; an older one is answered STALE anyway.
        if (record.SourceVersion <= stored.Version || DossierStatusPolicy.IsAllowed(status, record.Status))
        {
            return null;
        }
        return new FieldError { Field = "status", Description = $"a dossier in status {(int)status} cannot move to {(int)record.Status}" };
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
