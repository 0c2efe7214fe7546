using Google.Protobuf;
using Hub.Common.V1;
using Hub.Contracts.Sync;
using Hub.Dossiers.Dossiers;
using Hub.Sync.Pipeline;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Dossiers.Feedback;

/// <summary>Citizen feedback (PAKN) in the sync pipeline: key = id.</summary>
public sealed class FeedbackRecordKind : ISyncRecordKind<V1.Feedback>
{
    public SyncTable Table { get; } = new("feedback", "id", "version",
    [
        new("id", NpgsqlDbType.Text),
        new("version", NpgsqlDbType.Bigint),
        new("unit_code", NpgsqlDbType.Text),
        new("dossier_code", NpgsqlDbType.Text),
        new("received_at", NpgsqlDbType.TimestampTz),
        new("record", NpgsqlDbType.Bytea),
    ]);

    public RecordIdentity Identify(V1.Feedback record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Id, record.Unit?.Code ?? "", record.SourceVersion);
    }

    public void Validate(V1.Feedback record, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(record);
        FieldErrors.Defined(errors, "kind", record.Kind);
        FieldErrors.Defined(errors, "outcome", record.Outcome);
        var received = FieldErrors.Date(errors, "received_at", record.ReceivedAt, required: true);
        var deadline = FieldErrors.Date(errors, "deadline", record.Deadline, required: false);
        var handled = FieldErrors.Date(errors, "handled_at", record.HandledAt, required: false);
        FieldErrors.NotBefore(errors, "deadline", deadline, "received_at", received);
        FieldErrors.NotBefore(errors, "handled_at", handled, "received_at", received);
    }

    public void WriteRow(NpgsqlBinaryImporter row, V1.Feedback record)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(record);
        row.Write(record.Id, NpgsqlDbType.Text);
        row.Write(record.SourceVersion, NpgsqlDbType.Bigint);
        row.Write(record.Unit.Code, NpgsqlDbType.Text);
        if (record.DossierCode.Length > 0)
        {
            row.Write(record.DossierCode, NpgsqlDbType.Text);
        }
        else
        {
            row.WriteNull();
        }
        row.Write(record.ReceivedAt.ToDateTimeOffset(), NpgsqlDbType.TimestampTz);
        row.Write(record.ToByteArray(), NpgsqlDbType.Bytea);
    }

    public object CreateEvent(IReadOnlyList<V1.Feedback> accepted) => new FeedbackChanged([.. accepted.Select(f => new FeedbackState(
        f.Id,
        f.SourceVersion,
        f.Unit.Code,
        f.DossierCode.Length > 0 ? f.DossierCode : null,
        (int)f.Kind,
        f.ReceivedAt.ToDateTimeOffset(),
        DossierEventMapper.Optional(f.Deadline),
        DossierEventMapper.Optional(f.HandledAt),
        (int)f.Outcome,
        (int)f.Satisfaction,
        f.ReRaised))]);
}
