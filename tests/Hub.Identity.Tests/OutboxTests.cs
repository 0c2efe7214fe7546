using System.Net;
using Hub.Testing;
using Npgsql;

namespace Hub.Identity.Tests;

/// <summary>The identity service on a RabbitMQ node of its own, which the test may stop.</summary>
public sealed class PrivateBrokerService : IdentityService
{
    public LocalServer Broker { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Broker = await LocalServer.StartRabbitMqAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Broker.DisposeAsync();
    }

    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["ConnectionStrings:RabbitMQ"] = Broker.Address;
}

public sealed class OutboxTests(PrivateBrokerService service) : IClassFixture<PrivateBrokerService>
{
    [Fact]
    public async Task With_the_broker_down_a_client_is_still_disabled_and_the_event_goes_out_once_it_is_back()
    {
        var (id, _, _) = await service.CreateClientAsync("79", "province", "79", "79-outbox", "hub.sync");
        await service.Broker.StopAsync();

        using var admin = await service.AdminAsync();
        using var disabled = await admin.PostAsync($"api/v1/admin/clients/{id}/disable", null);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM outbox_messages WHERE payload::jsonb->>'clientId' = @id AND sent_at IS NULL"));

        await service.Broker.RestartAsync();

        // Marked sent only once the broker confirmed it (publisher confirms).
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await CountAsync("SELECT count(*) FROM outbox_messages WHERE payload::jsonb->>'clientId' = @id AND sent_at IS NULL") > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The event was never published after the broker came back.");
            await Task.Delay(200);
        }

        async Task<long> CountAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(service.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("id", id);
            return (long)(await command.ExecuteScalarAsync())!;
        }
    }
}
