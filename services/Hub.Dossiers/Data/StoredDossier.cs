namespace Hub.Dossiers.Data;

/// <summary>
/// A dossier row: the columns queries filter on, and the full record (applicant removed) that
/// reads and events are built from. Child lists (history, fees, components…) travel inside the
/// record: each source version replaces them whole, so they need no tables of their own.
/// </summary>
public sealed class StoredDossier
{
    public string Code { get; set; } = "";
    public long Version { get; set; }
    public string UnitCode { get; set; } = "";
    public string ProcedureCode { get; set; } = "";
    public short Status { get; set; }
    public short Channel { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public DateTimeOffset? ReturnedAt { get; set; }
    public string? ApplicantHash { get; set; }
    public byte[] Record { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
}
