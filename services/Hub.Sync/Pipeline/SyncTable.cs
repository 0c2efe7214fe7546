namespace Hub.Sync.Pipeline;

/// <summary>
/// Where an area stores its records. The key column is text (composite keys are joined into one),
/// and the version column holds the source version the upsert compares. By convention every sync
/// table also has <c>unit_code</c> (the subtree checks of reads), <c>record</c> (the stored
/// protobuf, personal data removed) and <c>updated_at</c> (set by the upsert).
/// </summary>
public sealed record SyncTable(string Name, string KeyColumn, string VersionColumn, IReadOnlyList<SyncColumn> Columns)
{
    public const string UnitColumn = "unit_code";
    public const string RecordColumn = "record";
}
