using Hub.Common.V1;
using Hub.Dossiers.Tests.Infrastructure;
using Hub.Grpc.Client;
using Hub.Testing;
using Npgsql;

namespace Hub.Dossiers.Tests;

/// <summary>RabbitMQ stops mid-run (a private node): pushes keep succeeding, events wait in the outbox and all go out after it returns.</summary>
public sealed class BrokerOutageTests : IAsyncLifetime, IDisposable
{
    private readonly PostgresDatabase _database = new();
    private readonly TestTokenIssuer _issuer = new();
    private LocalServer _broker = null!;
    private DossiersServer _server = null!;
    private EventCollector _events = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _broker = await LocalServer.StartRabbitMqAsync();
        _events = await EventCollector.StartAsync(new Uri(_broker.Address));
        _server = await DossiersServer.StartAsync(_database.ConnectionString, new Uri(_broker.Address), _issuer);
    }

    [Fact]
    public async Task Pushes_succeed_while_the_broker_is_down_and_every_event_is_delivered_after_it_returns()
    {
        var prefix = Samples.Prefix();
        var token = new CallOptions { BearerToken = _issuer.Issue("tenant-01", "01", "hub.sync") };
        await PushAsync(token, $"{prefix}-before");
        Assert.True(await Eventually.HoldsAsync(() => _events.CountWithPrefix(prefix) == 1, TimeSpan.FromSeconds(30)));

        await _broker.StopAsync();
        for (var i = 0; i < 5; i++)
        {
            await PushAsync(token, $"{prefix}-during-{i}");
        }
        Assert.True(await PendingAsync() > 0);

        await _broker.RestartAsync();
        Assert.True(await Eventually.HoldsAsync(async () => await PendingAsync() == 0, TimeSpan.FromSeconds(90)), "the outbox did not drain");
        Assert.True(await Eventually.HoldsAsync(() => _events.CountWithPrefix(prefix) == 6, TimeSpan.FromSeconds(60)),
            $"the consumer received {_events.CountWithPrefix(prefix)} of 6 dossiers");
    }

    private async Task PushAsync(CallOptions token, string code)
    {
        var reply = await _server.Channel.UnaryAsync(DossierMethods.Upsert, Samples.Batch(Samples.Dossier(code)), token);
        Assert.Equal(RecordStatus.Accepted, reply.Results[0].Status);
    }

    private async Task<long> PendingAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _events.DisposeAsync();
        await _broker.DisposeAsync();
        await _database.DisposeAsync();
    }

    public void Dispose() => _issuer.Dispose();
}
