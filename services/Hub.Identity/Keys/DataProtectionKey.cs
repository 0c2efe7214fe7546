namespace Hub.Identity.Keys;

/// <summary>One XML element of the Data Protection key ring, which protects the signing keys at rest.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; init; }
    public string? FriendlyName { get; init; }
    public required string Xml { get; init; }
}
