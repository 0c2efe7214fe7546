using Hub.Scoring.Engine;
using Hub.Scoring.Facts;
using Hub.Scoring.Periods;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Scoring.Tests.Infrastructure;

/// <summary>
/// A scoring service with settings of its own (derive a class fixture to fix them) that a test may
/// stop and start again: every start uses the same database and the same service name, so the same
/// durable queues, as a redeployed replica would. The clock is 2026-06-15 10:00 local, as in
/// <see cref="ScoringFixture"/>.
/// </summary>
public class ScoringHost : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private ScoringServer? _server;
    private Uri? _broker;

    public TestTokenIssuer Issuer { get; } = new();

    public SettableTime Time { get; } = new(new DateTimeOffset(2026, 6, 15, 10, 0, 0, Period.LocalOffset));

    public string ServiceName { get; } = $"scoring-host-{Guid.NewGuid():N}"[..24];

    public string ConnectionString => _database.ConnectionString;

    public Uri Broker => _broker ?? throw new InvalidOperationException("the host is not initialised");

    /// <summary>The running service; throws while it is stopped.</summary>
    public ScoringServer Server => _server ?? throw new InvalidOperationException("the scoring service is stopped");

    public FactWriter Facts => Server.Services.GetRequiredService<FactWriter>();

    /// <summary>Configuration on top of the test server's own (for example a rule-set schedule).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _broker = (await TestServers.GetAsync()).RabbitMqUri;
        await StartAsync();
    }

    /// <summary>Starts the service (migrations, reference data, consumers, loop) unless it runs.</summary>
    public async Task StartAsync()
    {
        var settings = new Dictionary<string, string?> { ["Scoring:ConsumeEvents"] = "true" };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }
        _server ??= await ScoringServer.StartAsync(ConnectionString, Broker, Issuer, Time, ServiceName, settings);
    }

    /// <summary>Stops the service: its consumers and loop end; its queues stay on the broker.</summary>
    public async Task StopAsync()
    {
        var server = _server;
        _server = null;
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    public Task SettleAsync() => ScoringQueries.SettleAsync(Server.Services);

    public Task<UnitScore?> ScoreAsync(string unit, string period) => ScoringQueries.ScoreAsync(ConnectionString, unit, period);

    public Task<long> ScalarAsync(string sql) => ScoringQueries.ScalarAsync(ConnectionString, sql);

    public async Task DisposeAsync()
    {
        await StopAsync();
        Issuer.Dispose();
        await _database.DisposeAsync();
    }
}
