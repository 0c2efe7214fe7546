namespace Hub.Sync.Pipeline;

/// <summary>
/// A record's stored copy as the pipeline reads it, row locked, before the upsert: its unit, its
/// version, and the values of the record kind's <see cref="ISyncRecordKind{TRecord}.CheckedColumns"/> in their order.
/// </summary>
public sealed record StoredCopy(string UnitCode, long Version, IReadOnlyList<object?> Checked);
