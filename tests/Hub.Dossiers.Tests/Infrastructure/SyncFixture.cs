using Hub.Testing;
using Npgsql;

namespace Hub.Dossiers.Tests.Infrastructure;

/// <summary>One test class's service: a fresh database on the shared server, the shared broker, a token issuer and a consumer.</summary>
public sealed class SyncFixture : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public TestTokenIssuer Issuer { get; } = new();

    public DossiersServer Server { get; private set; } = null!;

    public EventCollector Events { get; private set; } = null!;

    public string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var servers = await TestServers.GetAsync();
        Events = await EventCollector.StartAsync(servers.RabbitMqUri);
        Server = await DossiersServer.StartAsync(_database.ConnectionString, servers.RabbitMqUri, Issuer, new Dictionary<string, string?>
        {
            ["Sync:MaxMessageBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public global::Hub.Grpc.Client.CallOptions Hanoi(params string[] scopes) =>
        new() { BearerToken = Issuer.Issue("tenant-01", "01", scopes.Length == 0 ? ["hub.sync"] : scopes) };

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Events.DisposeAsync();
        Issuer.Dispose();
        await _database.DisposeAsync();
    }
}
