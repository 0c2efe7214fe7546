namespace Hub.Scoring.Engine;

/// <summary>One dossier version as own counts read it (see CounterSql.OwnCountRows): a fact, or a logged change.</summary>
internal readonly record struct OwnCountRow(
    bool Delta, string UnitCode, string ProcedureCode, DateTime ReceivedAt, DateTime? TerminalAt, DateTime? OpenSupplementAt,
    DateTime ChangedAt, DateTime? Deadline, short Sign, OwnCountFlags Flags)
{
    /// <summary>The number of fields of a row.</summary>
    public const int FieldCount = 10;

    /// <summary>Reads a row's fields in order; when they are not all there yet, <paramref name="fields"/> says so.</summary>
    public static OwnCountRow Read(ref CopyFields fields) => new(
        fields.Bool(), fields.Text(), fields.Text(), fields.Timestamp(), fields.NullableTimestamp(), fields.NullableTimestamp(),
        fields.Timestamp(), fields.NullableTimestamp(), fields.Int16(), (OwnCountFlags)fields.Int32());

    public bool Has(OwnCountFlags flag) => (Flags & flag) != 0;

    /// <summary>Handling time, receipt to end, in whole microseconds (timestamps hold no finer time).</summary>
    public long HandlingMicroseconds => ((TerminalAt ?? ReceivedAt) - ReceivedAt).Ticks / TimeSpan.TicksPerMicrosecond;
}
