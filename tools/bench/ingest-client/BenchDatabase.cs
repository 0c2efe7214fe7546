using Npgsql;

namespace Hub.Bench.Ingest;

/// <summary>A database of its own for a service of the bench (also linked into the scoring bench).</summary>
public static class BenchDatabase
{
    /// <summary>Creates <paramref name="name"/> on the server and returns its connection string.</summary>
    public static async Task<string> CreateAsync(string server, string name)
    {
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
