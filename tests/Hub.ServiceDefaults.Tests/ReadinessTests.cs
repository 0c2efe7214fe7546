using System.Net;
using System.Text.Json;
using Hub.Testing;

namespace Hub.ServiceDefaults.Tests;

/// <summary>
/// /readyz follows the real dependencies. The servers here are the class's own, because stopping
/// the shared ones would break every other test running meanwhile.
/// </summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private LocalServer _postgres = null!;
    private LocalServer _rabbit = null!;
    private TestService _service = null!;

    public async Task InitializeAsync()
    {
        _postgres = await LocalServer.StartPostgresAsync();
        _rabbit = await LocalServer.StartRabbitMqAsync();
        _service = await TestService.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = _postgres.Address,
            ["ConnectionStrings:RabbitMQ"] = _rabbit.Address,
            ["Hub:ServiceName"] = "readiness-test",
        });
    }

    public async Task DisposeAsync()
    {
        try
        {
            await _service.DisposeAsync();
        }
        finally
        {
            try
            {
                await _rabbit.DisposeAsync();
            }
            finally
            {
                await _postgres.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Readiness_follows_PostgreSQL_going_down_and_coming_back()
    {
        await WaitForReadinessAsync(HttpStatusCode.OK);

        await _postgres.StopAsync();
        var down = await WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Unhealthy", down.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
        Assert.Equal("Healthy", down.GetProperty("checks").GetProperty("rabbitmq").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _service.Client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);

        await _postgres.RestartAsync();
        await WaitForReadinessAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Readiness_follows_RabbitMQ_going_down_and_coming_back()
    {
        await WaitForReadinessAsync(HttpStatusCode.OK);

        await _rabbit.StopAsync();
        var down = await WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Unhealthy", down.GetProperty("checks").GetProperty("rabbitmq").GetProperty("status").GetString());
        Assert.Equal("Healthy", down.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());

        await _rabbit.RestartAsync();
        await WaitForReadinessAsync(HttpStatusCode.OK);
    }

    /// <summary>Polls /readyz until it answers <paramref name="expected"/>; fails after a generous limit.</summary>
    private async Task<JsonElement> WaitForReadinessAsync(HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await _service.Client.GetAsync(new Uri("/readyz", UriKind.Relative));
            last = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == expected)
            {
                return JsonDocument.Parse(last).RootElement.Clone();
            }
            await Task.Delay(250);
        }
        Assert.Fail($"/readyz did not answer {(int)expected} within {Patience}; last answer: {last}");
        return default;
    }
}
