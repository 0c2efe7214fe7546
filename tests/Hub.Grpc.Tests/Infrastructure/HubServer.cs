using System.Net;
using System.Security.Cryptography.X509Certificates;
using Hub.Grpc.Health;
using Hub.Grpc.Hosting;
using Hub.Grpc.Reflection;
using Hub.Grpc.Server;
using Hub.Grpc.Tests.Echo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hub.Grpc.Tests.Infrastructure;

/// <summary>A real Kestrel server on 127.0.0.1 with dynamic ports, serving Echo, health and reflection.</summary>
public sealed class HubServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HubServer(WebApplication app, EchoService echo)
    {
        _app = app;
        Echo = echo;
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.ToList();
        var cleartext = addresses.Where(a => a.StartsWith("http://", StringComparison.Ordinal)).ToList();
        Address = new Uri(cleartext[0]);
        Http1Address = new Uri(cleartext[1]);
        TlsAddress = addresses.Where(a => a.StartsWith("https://", StringComparison.Ordinal)).Select(a => new Uri(a)).FirstOrDefault();
    }

    /// <summary>The gRPC port: HTTP/2 cleartext with prior knowledge.</summary>
    public Uri Address { get; }

    /// <summary>An HTTP/1.1-only port on the same app, to see how gRPC routes answer HTTP/1.1.</summary>
    public Uri Http1Address { get; }

    /// <summary>The TLS port (ALPN h2), when the server was started with a certificate.</summary>
    public Uri? TlsAddress { get; }

    public string HostPort => $"127.0.0.1:{Address.Port}";

    internal EchoService Echo { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<HubServer> StartAsync(GrpcServerOptions? options = null, X509Certificate2? tlsCertificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenGrpcCleartext(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
            if (tlsCertificate is not null)
            {
                kestrel.ListenGrpcTls(IPAddress.Loopback, 0, tlsCertificate);
            }
        });
        builder.Services.AddHubGrpc(options ?? new GrpcServerOptions());

        var app = builder.Build();
        var echo = new EchoService();
        app.MapGrpcService(EchoReflection.Descriptor.Services[0], echo.Bind);
        app.MapGrpcHealth();
        app.MapGrpcReflection();
        await app.StartAsync();
        return new HubServer(app, echo);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
