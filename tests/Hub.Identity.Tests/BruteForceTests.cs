using System.Net;

namespace Hub.Identity.Tests;

public sealed class LowThresholdService : IdentityService
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Hub:Identity:BruteForce:FailuresPerClientAndAddress"] = "3";
        settings["Hub:Identity:BruteForce:FailuresPerAddress"] = "6";
    }
}

public sealed class BruteForceTests(LowThresholdService service) : IClassFixture<LowThresholdService>
{
    [Fact]
    public async Task Guessing_a_clients_secret_pauses_the_guesser_but_not_the_real_client_elsewhere()
    {
        var (id, secret, _) = await service.CreateClientAsync("79", "province", "79", "79-target", "hub.sync");
        const string attacker = "203.0.113.7";
        for (var i = 0; i < 3; i++)
        {
            using var guess = await service.RequestTokenAsync(id, $"guess-{i}", address: attacker);
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }

        using var paused = await service.RequestTokenAsync(id, secret, address: attacker);
        Assert.Equal(HttpStatusCode.TooManyRequests, paused.StatusCode);
        Assert.NotNull(paused.Headers.RetryAfter);

        using var province = await service.RequestTokenAsync(id, secret, address: "198.51.100.20");
        Assert.Equal(HttpStatusCode.OK, province.StatusCode);

        // The pause ends: the real secret from the same address works again and clears the count.
        service.Time.Advance(TimeSpan.FromSeconds(2));
        using var later = await service.RequestTokenAsync(id, secret, address: attacker);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task Spraying_many_client_ids_from_one_address_pauses_that_address()
    {
        const string sprayer = "203.0.113.99";
        for (var i = 0; i < 6; i++)
        {
            using var guess = await service.RequestTokenAsync($"client-{i}", "guess", address: sprayer);
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }

        using var paused = await service.RequestTokenAsync("client-7", "guess", address: sprayer);
        Assert.Equal(HttpStatusCode.TooManyRequests, paused.StatusCode);
        using var elsewhere = await service.RequestTokenAsync("hub-admin", service.AdminSecret, address: "198.51.100.30");
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }
}
