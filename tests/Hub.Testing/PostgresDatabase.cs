using Npgsql;
using Xunit;

namespace Hub.Testing;

/// <summary>
/// A fresh, empty database for one test class (use it as an <c>IClassFixture</c>), dropped when
/// the class is done.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private string? _serverConnectionString;

    public string Name { get; } = $"hub_test_{Guid.NewGuid():N}";

    /// <summary>Connection string to this database.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        _serverConnectionString = servers.PostgresConnectionString;
        await ExecuteOnServerAsync($"CREATE DATABASE \"{Name}\"");
        ConnectionString = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = Name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_serverConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
        }
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
