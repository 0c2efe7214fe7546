using System.Net.Security;

namespace Hub.Grpc.Client;

public sealed record GrpcChannelOptions
{
    public int MaxReceiveMessageSize { get; init; } = 4 * 1024 * 1024;

    public int MaxSendMessageSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>"gzip" to compress request messages; null sends them uncompressed.</summary>
    public string? RequestCompression { get; init; }

    public GrpcRetryOptions Retry { get; init; } = new();

    /// <summary>Supplies the bearer token of calls that do not carry their own.</summary>
    public Func<CancellationToken, ValueTask<string?>>? BearerTokenProvider { get; init; }

    /// <summary>HTTP/2 PING interval while calls are active, so dead connections are noticed behind quiet streams.</summary>
    public TimeSpan KeepAlivePingDelay { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan KeepAlivePingTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Server certificate check for TLS; null uses the machine's trust store.</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    /// <summary>Replaces the channel's own SocketsHttpHandler (tests, custom proxies). The channel does not dispose it.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }
}
