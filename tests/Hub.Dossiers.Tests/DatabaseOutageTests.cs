using Hub.Common.V1;
using Hub.Dossiers.Tests.Infrastructure;
using Hub.Grpc;
using Hub.Grpc.Client;
using Hub.Testing;
using Npgsql;

namespace Hub.Dossiers.Tests;

/// <summary>PostgreSQL stops mid-run (a private server): calls fail with UNAVAILABLE, nothing unacknowledged is stored, and a retry after recovery succeeds.</summary>
public sealed class DatabaseOutageTests : IAsyncLifetime, IDisposable
{
    private readonly TestTokenIssuer _issuer = new();
    private LocalServer _postgres = null!;
    private DossiersServer _server = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _postgres = await LocalServer.StartPostgresAsync();
        await using (var admin = new NpgsqlConnection(_postgres.Address))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE hub_dossiers_outage", admin);
            await create.ExecuteNonQueryAsync();
        }
        _connectionString = new NpgsqlConnectionStringBuilder(_postgres.Address) { Database = "hub_dossiers_outage" }.ConnectionString;
        var servers = await TestServers.GetAsync();
        _server = await DossiersServer.StartAsync(_connectionString, servers.RabbitMqUri, _issuer);
    }

    [Fact]
    public async Task Calls_fail_with_UNAVAILABLE_while_the_database_is_down_and_the_retry_after_recovery_succeeds()
    {
        var prefix = Samples.Prefix();
        var token = new CallOptions { BearerToken = _issuer.Issue("tenant-01", "01", "hub.sync") };
        var first = await _server.Channel.UnaryAsync(DossierMethods.Upsert, Samples.Batch(Samples.Dossier($"{prefix}-1")), token);
        Assert.Equal(RecordStatus.Accepted, first.Results[0].Status);

        await _postgres.StopAsync();
        var batch = Samples.Batch(Samples.Dossier($"{prefix}-2"), Samples.Dossier($"{prefix}-3"));
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => _server.Channel.UnaryAsync(DossierMethods.Upsert, batch, token));
        Assert.Equal(GrpcStatusCode.Unavailable, error.StatusCode);

        await _postgres.RestartAsync();
        Assert.Equal(1, await CountAsync(prefix));

        // The client's retry: pooled connections broken by the restart may fail a first attempt, also with UNAVAILABLE.
        Hub.Dossiers.V1.UpsertDossiersReply? retry = null;
        for (var attempt = 0; attempt < 30 && retry is null; attempt++)
        {
            try
            {
                retry = await _server.Channel.UnaryAsync(DossierMethods.Upsert, batch, token);
            }
            catch (GrpcCallException e) when (e.StatusCode == GrpcStatusCode.Unavailable)
            {
                await Task.Delay(500);
            }
        }

        Assert.NotNull(retry);
        Assert.All(retry.Results, r => Assert.Equal(RecordStatus.Accepted, r.Status));
        Assert.Equal(3, await CountAsync(prefix));
    }

    private async Task<long> CountAsync(string prefix)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM dossiers WHERE code LIKE '{prefix}%'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    public void Dispose() => _issuer.Dispose();
}
