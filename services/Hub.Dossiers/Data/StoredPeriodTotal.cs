namespace Hub.Dossiers.Data;

/// <summary>A unit's declared total for a period; Key joins unit, period kind and period start.</summary>
public sealed class StoredPeriodTotal
{
    public string Key { get; set; } = "";
    public long Version { get; set; }
    public string UnitCode { get; set; } = "";
    public short PeriodKind { get; set; }
    public DateTimeOffset PeriodStart { get; set; }
    public long DossiersReceived { get; set; }
    public byte[] Record { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
}
