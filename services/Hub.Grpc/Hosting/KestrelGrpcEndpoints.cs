using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Hub.Grpc.Hosting;

/// <summary>Kestrel endpoints for gRPC traffic.</summary>
public static class KestrelGrpcEndpoints
{
    /// <summary>
    /// HTTP/2 cleartext with prior knowledge, for calls inside the cluster. Cleartext has no ALPN to
    /// negotiate with, so the port speaks HTTP/2 only; HTTP/1.1 clients are refused at the connection.
    /// </summary>
    public static void ListenGrpcCleartext(this KestrelServerOptions kestrel, IPAddress address, int port, Action<ListenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.Listen(address, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            configure?.Invoke(listen);
        });
        ConfigureHttp2Limits(kestrel);
    }

    /// <summary>
    /// TLS at the edge: ALPN offers h2 (and http/1.1, so that a browser or probe gets a clean
    /// gRPC refusal rather than a handshake failure).
    /// </summary>
    public static void ListenGrpcTls(this KestrelServerOptions kestrel, IPAddress address, int port, X509Certificate2 certificate, Action<ListenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(certificate);
        kestrel.Listen(address, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(certificate);
            configure?.Invoke(listen);
        });
        ConfigureHttp2Limits(kestrel);
    }

    private static void ConfigureHttp2Limits(KestrelServerOptions kestrel)
    {
        var http2 = kestrel.Limits.Http2;

        // Streaming calls hold their stream open; room for many of them per connection.
        http2.MaxStreamsPerConnection = 1000;

        // Larger windows keep multi-megabyte messages from stalling on flow control.
        http2.InitialConnectionWindowSize = 4 * 1024 * 1024;
        http2.InitialStreamWindowSize = 1024 * 1024;

        // Pings from idle peers find connections a load balancer dropped without telling anyone.
        http2.KeepAlivePingDelay = TimeSpan.FromMinutes(1);
        http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
    }
}
