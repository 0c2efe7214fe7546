using System.Net;
using Hub.Gateway.Tests.Probe;
using Hub.Grpc.Client;
using Hub.ServiceDefaults.Security;

namespace Hub.Gateway.Tests;

/// <summary>The edge listener: one TLS port where ALPN picks HTTP/2 for gRPC and HTTP/1.1 for REST.</summary>
public sealed class GatewayTlsTests(GatewayUnderTest gateway) : IClassFixture<GatewayUnderTest>
{
    [Fact]
    public async Task gRPC_over_TLS_negotiates_HTTP2_and_reaches_the_service()
    {
        using var channel = GrpcChannel.ForAddress($"https://127.0.0.1:{gateway.TlsPort}", new GrpcChannelOptions
        {
            ServerCertificateValidation = (_, certificate, _, _) => certificate?.GetCertHashString() == gateway.Certificate.GetCertHashString(),
        });
        var options = CallOptions.WithTimeout(TimeSpan.FromSeconds(30)) with { BearerToken = gateway.Issuer.Issue("79", "79", HubScopes.Sync) };

        var reply = await channel.UnaryAsync(ProbeMethods.Echo, new ProbeRequest { Text = "qua TLS" }, options);

        Assert.Equal("qua TLS", reply.Text);
    }

    [Fact]
    public async Task REST_over_the_same_TLS_port_speaks_HTTP1()
    {
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == gateway.Certificate.GetCertHashString(),
        };
        using var client = new HttpClient(handler) { DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await client.GetAsync(new Uri($"https://127.0.0.1:{gateway.TlsPort}/api/v1/scores/echo"));

        Assert.Equal(HttpVersion.Version11, response.Version);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
