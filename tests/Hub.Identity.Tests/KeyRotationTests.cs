using Hub.Identity.Bootstrap;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Hub.Identity.Tests;

/// <summary>Keys sign for an hour, the next one is published 10 minutes ahead, tokens live 10 minutes.</summary>
public sealed class FastKeyRotationService : IdentityService
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Hub:Identity:SigningKeyLifetime"] = "01:00:00";
        settings["Hub:Identity:SigningKeyPublishLead"] = "00:10:00";
        settings["Hub:Identity:AccessTokenLifetime"] = "00:10:00";
        settings["Hub:Identity:ClockSkew"] = "00:01:00";
    }
}

public sealed class KeyRotationTests(FastKeyRotationService service) : IClassFixture<FastKeyRotationService>
{
    private string Issuer => service.BaseAddress.ToString().TrimEnd('/');

    [Fact]
    public async Task The_next_key_is_published_before_it_signs_and_the_old_one_stays_until_its_tokens_expire()
    {
        var first = new JsonWebToken(await service.TokenAsync(OperatorBootstrapper.AdminClient, service.AdminSecret));
        Assert.Equal([first.Kid], (await Jwks.FetchAsync(service.Http)).Keys.Select(k => k.Kid));

        // 55 minutes in: the successor is published, but the first key still signs.
        service.Time.Advance(TimeSpan.FromMinutes(55));
        var lastOfFirst = await service.TokenAsync(OperatorBootstrapper.AdminClient, service.AdminSecret);
        Assert.Equal(first.Kid, new JsonWebToken(lastOfFirst).Kid);
        var published = (await Jwks.FetchAsync(service.Http)).Keys.Select(k => k.Kid).ToList();
        Assert.Equal(2, published.Count);
        var next = Assert.Single(published, kid => kid != first.Kid);

        // 61 minutes in: the successor signs; the first key's last token still validates.
        service.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(next, new JsonWebToken(await service.TokenAsync(OperatorBootstrapper.AdminClient, service.AdminSecret)).Kid);
        var during = await Jwks.ValidateAsync(service.Http, lastOfFirst, Issuer, service.Time.GetUtcNow());
        Assert.True(during.IsValid, during.Exception?.Message);

        // 72 minutes in: every token of the first key has expired, and the key is withdrawn.
        service.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.DoesNotContain(first.Kid, (await Jwks.FetchAsync(service.Http)).Keys.Select(k => k.Kid));
        var after = await Jwks.ValidateAsync(service.Http, lastOfFirst, Issuer, service.Time.GetUtcNow().AddMinutes(-15));
        Assert.False(after.IsValid);
    }
}

public sealed class KeyPersistenceTests(IdentityService service) : IClassFixture<IdentityService>
{
    [Fact]
    public async Task A_restarted_or_second_instance_signs_with_the_same_key_and_accepts_the_first_ones_tokens()
    {
        var token = await service.TokenAsync(OperatorBootstrapper.AdminClient, service.AdminSecret);

        var (address, _) = await service.StartAsync();

        using var second = new HttpClient { BaseAddress = address };
        second.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var response = await second.GetAsync("api/v1/admin/tenants");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            (await Jwks.FetchAsync(service.Http)).Keys.Select(k => k.Kid),
            (await Jwks.FetchAsync(second)).Keys.Select(k => k.Kid));
    }
}
