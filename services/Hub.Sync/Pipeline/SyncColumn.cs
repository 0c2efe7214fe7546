using NpgsqlTypes;

namespace Hub.Sync.Pipeline;

/// <summary>A column of an area's table that the upsert copies, in the order rows are written.</summary>
public sealed record SyncColumn(string Name, NpgsqlDbType Type);
