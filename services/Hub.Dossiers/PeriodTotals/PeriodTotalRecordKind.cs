using System.Globalization;
using Google.Protobuf;
using Hub.Common.V1;
using Hub.Contracts.Sync;
using Hub.Dossiers.V1;
using Hub.Sync.Pipeline;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Dossiers.PeriodTotals;

/// <summary>A unit's declared period totals in the sync pipeline: key = "unit|period kind|period start (yyyy-MM-dd)".</summary>
public sealed class PeriodTotalRecordKind : ISyncRecordKind<PeriodTotal>
{
    public SyncTable Table { get; } = new("period_totals", "key", "version",
    [
        new("key", NpgsqlDbType.Text),
        new("version", NpgsqlDbType.Bigint),
        new("unit_code", NpgsqlDbType.Text),
        new("period_kind", NpgsqlDbType.Smallint),
        new("period_start", NpgsqlDbType.TimestampTz),
        new("dossiers_received", NpgsqlDbType.Bigint),
        new("record", NpgsqlDbType.Bytea),
    ]);

    public static string KeyOf(PeriodTotal total)
    {
        ArgumentNullException.ThrowIfNull(total);
        var start = total.PeriodStart is null ? "" : total.PeriodStart.ToDateTimeOffset().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"{total.Unit?.Code}|{(int)total.PeriodKind}|{start}";
    }

    public RecordIdentity Identify(PeriodTotal record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(KeyOf(record), record.Unit?.Code ?? "", record.SourceVersion);
    }

    public void Validate(PeriodTotal record, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(errors);
        FieldErrors.Defined(errors, "period_kind", record.PeriodKind);
        FieldErrors.Date(errors, "period_start", record.PeriodStart, required: true);
        if (record.DossiersReceived < 0)
        {
            errors.Add(new FieldError { Field = "dossiers_received", Description = "may not be negative" });
        }
    }

    public void WriteRow(NpgsqlBinaryImporter row, PeriodTotal record)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(record);
        row.Write(KeyOf(record), NpgsqlDbType.Text);
        row.Write(record.SourceVersion, NpgsqlDbType.Bigint);
        row.Write(record.Unit.Code, NpgsqlDbType.Text);
        row.Write((short)record.PeriodKind, NpgsqlDbType.Smallint);
        row.Write(record.PeriodStart.ToDateTimeOffset(), NpgsqlDbType.TimestampTz);
        row.Write(record.DossiersReceived, NpgsqlDbType.Bigint);
        row.Write(record.ToByteArray(), NpgsqlDbType.Bytea);
    }

    public object CreateEvent(IReadOnlyList<PeriodTotal> accepted) => new PeriodTotalsDeclared([.. accepted.Select(t => new PeriodTotalState(
        KeyOf(t), t.SourceVersion, t.Unit.Code, (int)t.PeriodKind, t.PeriodStart.ToDateTimeOffset(), t.DossiersReceived))]);
}
