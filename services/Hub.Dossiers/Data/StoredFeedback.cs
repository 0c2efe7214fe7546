namespace Hub.Dossiers.Data;

/// <summary>A citizen feedback (PAKN) row; the full record travels in <see cref="Record"/>.</summary>
public sealed class StoredFeedback
{
    public string Id { get; set; } = "";
    public long Version { get; set; }
    public string UnitCode { get; set; } = "";
    public string? DossierCode { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public byte[] Record { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
}
