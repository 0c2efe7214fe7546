using System.Security.Cryptography.X509Certificates;
using Hub.Grpc.Client;
using Hub.Grpc.Tests.Echo;
using Hub.Grpc.Tests.Infrastructure;
using Hub.Testing;

namespace Hub.Grpc.Tests.Interop;

/// <summary>The edge endpoint: HTTP/2 over TLS chosen by ALPN, as KestrelGrpcEndpoints.ListenGrpcTls sets it up.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private X509Certificate2 _certificate = null!;
    private HubServer _server = null!;

    public async Task InitializeAsync()
    {
        _certificate = TestCertificate.Create();
        _server = await HubServer.StartAsync(tlsCertificate: _certificate);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificate.Dispose();
    }

    [Fact]
    public async Task Hub_client_calls_over_TLS_with_ALPN_h2()
    {
        using var channel = GrpcChannel.ForAddress(_server.TlsAddress!, new GrpcChannelOptions
        {
            ServerCertificateValidation = (_, certificate, _, _) => certificate?.GetCertHashString() == _certificate.GetCertHashString(),
        });

        var reply = await channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Text = "qua TLS" });

        Assert.Equal("qua TLS", reply.Text);
    }

    [Fact]
    public async Task Python_grpcio_calls_over_TLS()
    {
        var pem = Path.Combine(Path.GetTempPath(), $"hub-grpc-test-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(pem, _certificate.ExportCertificatePem());
        try
        {
            var output = await PeerProcess.RunAsync(
                PeerProcess.Python,
                ["python_peer.py", "tls", $"127.0.0.1:{_server.TlsAddress!.Port}", PeerProcess.ProtoDirectory, pem],
                TimeSpan.FromSeconds(60));

            Assert.Contains("qua TLS", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pem);
        }
    }
}
