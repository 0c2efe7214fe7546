namespace Hub.Catalogue.Data;

/// <summary>
/// A procedure row: the latest source version of the procedure, the columns queries filter on,
/// and the full record (fees, components, legal bases… replaced whole with each version).
/// </summary>
public sealed class StoredProcedure
{
    public string Code { get; set; } = "";
    public long Version { get; set; }
    public string UnitCode { get; set; } = "";
    public string Name { get; set; } = "";
    public short Status { get; set; }
    public short OnlineServiceLevel { get; set; }
    public DateTimeOffset? PublicationDecisionAt { get; set; }
    public DateTimeOffset? MadePublicAt { get; set; }
    public byte[] Record { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
}
