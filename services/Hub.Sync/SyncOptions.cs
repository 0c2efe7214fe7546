namespace Hub.Sync;

/// <summary>Limits and keys of a sync service, from the "Sync" configuration section.</summary>
public sealed record SyncOptions
{
    public const string Section = "Sync";

    /// <summary>Most records one call (or one stream message) may carry; more is RESOURCE_EXHAUSTED.</summary>
    public int MaxBatchSize { get; init; } = 1000;

    /// <summary>Largest request message in bytes; larger is RESOURCE_EXHAUSTED before it is read.</summary>
    public int MaxMessageBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Records per outgoing event: high ingest rates must not become one broker message per record.</summary>
    public int EventBatchSize { get; init; } = 500;

    /// <summary>
    /// HMAC-SHA256 key for applicant identifiers (at least 32 characters). Only the keyed hash is
    /// stored, so a leaked table cannot be reversed by hashing every citizen ID number.
    /// </summary>
    public string ApplicantHashKey { get; init; } = "";

    /// <summary>The unit tree (code,parent,level,name); relative paths are against the app's base folder.</summary>
    public string UnitsFile { get; init; } = "units.csv";
}
