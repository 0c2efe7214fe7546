using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hub.Catalogue.V1;
using Hub.Common.V1;
using Hub.Contracts.Sync;
using Hub.Sync.Pipeline;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Catalogue.Procedures;

/// <summary>Procedures in the sync pipeline: key = procedure code; the latest source version is kept.</summary>
public sealed class ProcedureRecordKind : ISyncRecordKind<Procedure>
{
    public SyncTable Table { get; } = new("procedures", "code", "version",
    [
        new("code", NpgsqlDbType.Text),
        new("version", NpgsqlDbType.Bigint),
        new("unit_code", NpgsqlDbType.Text),
        new("name", NpgsqlDbType.Text),
        new("status", NpgsqlDbType.Smallint),
        new("online_service_level", NpgsqlDbType.Smallint),
        new("publication_decision_at", NpgsqlDbType.TimestampTz),
        new("made_public_at", NpgsqlDbType.TimestampTz),
        new("record", NpgsqlDbType.Bytea),
    ]);

    public RecordIdentity Identify(Procedure record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Code, record.Unit?.Code ?? "", record.SourceVersion);
    }

    public void Validate(Procedure record, ICollection<FieldError> errors) => ProcedureValidator.Validate(record, errors);

    public void WriteRow(NpgsqlBinaryImporter row, Procedure record)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(record);
        row.Write(record.Code, NpgsqlDbType.Text);
        row.Write(record.SourceVersion, NpgsqlDbType.Bigint);
        row.Write(record.Unit.Code, NpgsqlDbType.Text);
        row.Write(record.Name, NpgsqlDbType.Text);
        row.Write((short)record.Status, NpgsqlDbType.Smallint);
        row.Write((short)record.OnlineServiceLevel, NpgsqlDbType.Smallint);
        WriteOptional(row, Optional(record.PublicationDecisionAt));
        WriteOptional(row, Optional(record.MadePublicAt));
        row.Write(record.ToByteArray(), NpgsqlDbType.Bytea);
    }

    public object CreateEvent(IReadOnlyList<Procedure> accepted) => new ProceduresChanged([.. accepted.Select(ToState)]);

    public static ProcedureState ToState(Procedure p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new ProcedureState(
            p.Code,
            p.SourceVersion,
            p.Unit.Code,
            p.Name,
            p.Field,
            [.. p.ImplementingLevels.Select(l => (int)l)],
            [.. p.ImplementingAgencies],
            p.ProcessingTime,
            (int)p.ProcessingTimeUnit,
            [.. p.Fees.Select(f => new ProcedureFeeItem(f.Code, f.Amount.Vnd))],
            (int)p.OnlineServiceLevel,
            p.FullOnlineEligible,
            [.. p.ResultDocuments.Select(r => new ProcedureResultDocument(r.Code, r.Paper))],
            [.. p.Components.Select(c => new ProcedureComponentItem(c.Code, c.Name, c.Copies, c.Required))],
            [.. p.Subjects.Select(s => (int)s)],
            [.. p.LegalBases.Select(b => new ProcedureLegalBasis(b.Number, Optional(b.EffectiveAt)))],
            p.StepsPublished,
            p.MethodPublished,
            p.PublicationDecisionNumber,
            Optional(p.PublicationDecisionAt),
            Optional(p.MadePublicAt),
            (int)p.Status);
    }

    private static DateTimeOffset? Optional(Timestamp? value) => value?.ToDateTimeOffset();

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
