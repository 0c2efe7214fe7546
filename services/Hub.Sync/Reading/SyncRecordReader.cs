using Google.Protobuf;
using Hub.Common.V1;
using Hub.Grpc;
using Hub.Sync.Callers;
using Hub.Sync.Pipeline;
using Hub.Sync.Units;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Sync.Reading;

/// <summary>
/// Get-by-key and list-with-paging over an area's table, limited to the caller's subtree. A record
/// of another subtree reads as absent (NOT_FOUND), so a client cannot probe other provinces' keys.
/// </summary>
public sealed class SyncRecordReader<TRecord>
    where TRecord : IMessage<TRecord>, new()
{
    private static readonly MessageParser<TRecord> Parser = new(() => new TRecord());
    private readonly NpgsqlDataSource _dataSource;
    private readonly UnitTree _units;
    private readonly string _getSql;
    private readonly string _listSql;

    public SyncRecordReader(NpgsqlDataSource dataSource, ISyncRecordKind<TRecord> kind, UnitTree units)
    {
        ArgumentNullException.ThrowIfNull(kind);
        _dataSource = dataSource;
        _units = units;
        var table = kind.Table;
        _getSql = $"SELECT {SyncTable.UnitColumn}, {SyncTable.RecordColumn} FROM {table.Name} WHERE {table.KeyColumn} = @key";
        _listSql = $"SELECT {table.KeyColumn}, {SyncTable.RecordColumn} FROM {table.Name} " +
            $"WHERE {SyncTable.UnitColumn} = ANY(@units) AND {table.KeyColumn} > @after ORDER BY {table.KeyColumn} LIMIT @limit";
    }

    public async Task<TRecord> GetAsync(SyncCaller caller, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        try
        {
            await using var command = _dataSource.CreateCommand(_getSql);
            command.Parameters.AddWithValue("key", key);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && _units.IsWithin(reader.GetString(0), caller.UnitCode))
            {
                return Parser.ParseFrom(reader.GetFieldValue<byte[]>(1));
            }
        }
        catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception) && !cancellationToken.IsCancellationRequested)
        {
            throw DatabaseFailures.Unavailable();
        }
        throw new GrpcCallException(GrpcStatusCode.NotFound, $"No record {key} in the caller's units.");
    }

    public async Task<(IReadOnlyList<TRecord> Records, string NextPageToken)> ListAsync(
        SyncCaller caller, string unitCode, PageRequest? page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var root = string.IsNullOrEmpty(unitCode) ? caller.UnitCode : unitCode;
        if (!_units.IsWithin(root, caller.UnitCode))
        {
            throw new GrpcCallException(GrpcStatusCode.PermissionDenied, $"Unit {root} is outside the caller's unit {caller.UnitCode}.");
        }
        var size = PageTokens.Size(page?.PageSize ?? 0);
        var records = new List<TRecord>(size);
        var lastKey = "";
        try
        {
            await using var command = _dataSource.CreateCommand(_listSql);
            command.Parameters.Add(new NpgsqlParameter("units", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = _units.Subtree(root).ToArray() });
            command.Parameters.AddWithValue("after", PageTokens.Decode(page?.PageToken ?? ""));
            command.Parameters.AddWithValue("limit", size);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                lastKey = reader.GetString(0);
                records.Add(Parser.ParseFrom(reader.GetFieldValue<byte[]>(1)));
            }
        }
        catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception) && !cancellationToken.IsCancellationRequested)
        {
            throw DatabaseFailures.Unavailable();
        }
        return (records, records.Count == size ? PageTokens.Encode(lastKey) : "");
    }
}
