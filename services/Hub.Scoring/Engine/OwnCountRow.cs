using Npgsql;
using NpgsqlTypes;

namespace Hub.Scoring.Engine;

/// <summary>One dossier version as own counts read it (see CounterSql.OwnCountRows): a fact, or a logged change.</summary>
internal readonly record struct OwnCountRow(
    bool Delta, string UnitCode, string ProcedureCode, DateTime ReceivedAt, DateTime? TerminalAt, DateTime? OpenSupplementAt,
    DateTime ChangedAt, DateTime? Deadline, short Sign, OwnCountFlags Flags)
{
    /// <summary>Reads the row the exporter has started, column by column.</summary>
    public static OwnCountRow Read(NpgsqlBinaryExporter row) => new(
        row.Read<bool>(), row.Read<string>(), row.Read<string>(), Time(row), NullableTime(row), NullableTime(row), Time(row),
        NullableTime(row), row.Read<short>(), (OwnCountFlags)row.Read<int>());

    public bool Has(OwnCountFlags flag) => (Flags & flag) != 0;

    /// <summary>Handling time, receipt to end, in whole microseconds (timestamps hold no finer time).</summary>
    public long HandlingMicroseconds => ((TerminalAt ?? ReceivedAt) - ReceivedAt).Ticks / TimeSpan.TicksPerMicrosecond;

    private static DateTime Time(NpgsqlBinaryExporter row) => row.Read<DateTime>(NpgsqlDbType.TimestampTz);

    private static DateTime? NullableTime(NpgsqlBinaryExporter row)
    {
        if (row.IsNull)
        {
            row.Skip();
            return null;
        }
        return Time(row);
    }
}
