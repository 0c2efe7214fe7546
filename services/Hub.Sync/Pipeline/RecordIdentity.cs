namespace Hub.Sync.Pipeline;

/// <summary>What the pipeline needs of any record: its natural key, unit and source version.</summary>
public readonly record struct RecordIdentity(string Key, string UnitCode, long Version);
