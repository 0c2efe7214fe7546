using Microsoft.AspNetCore.Http;

namespace Hub.Grpc.Server;

/// <summary>What a handler knows about its call, and the metadata it may send back.</summary>
public sealed class ServerCallContext
{
    private readonly GrpcServerCall _call;
    private GrpcMetadata? _requestHeaders;
    private GrpcMetadata? _responseHeaders;
    private GrpcMetadata? _responseTrailers;

    internal ServerCallContext(GrpcServerCall call, string method, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        _call = call;
        Method = method;
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    /// <summary>The request path, e.g. "/grpc.health.v1.Health/Check".</summary>
    public string Method { get; }

    /// <summary>Custom request metadata (protocol headers left out), read from the request on first use.</summary>
    public GrpcMetadata RequestHeaders => _requestHeaders ??= ReadRequestHeaders(_call.HttpContext.Request.Headers);

    /// <summary>When the client stops waiting, from grpc-timeout; null when it sent none.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>Cancelled when the deadline passes or the client cancels; handlers should pass it on.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Sent with the first response message, or by <see cref="WriteResponseHeadersAsync"/>.</summary>
    public GrpcMetadata ResponseHeaders => _responseHeaders ??= new GrpcMetadata();

    /// <summary>Sent after the last message, next to grpc-status.</summary>
    public GrpcMetadata ResponseTrailers => _responseTrailers ??= new GrpcMetadata();

    public HttpContext HttpContext => _call.HttpContext;

    /// <summary>Sends the response headers now, before any message.</summary>
    public Task WriteResponseHeadersAsync() => _call.SendHeadersAsync(flush: true);

    // Most calls carry no custom metadata; these spare them the allocations.
    internal GrpcMetadata? ResponseHeadersOrNull => _responseHeaders;

    internal GrpcMetadata? ResponseTrailersOrNull => _responseTrailers;

    private static GrpcMetadata ReadRequestHeaders(IHeaderDictionary headers)
    {
        var metadata = new GrpcMetadata();
        foreach (var (name, values) in headers)
        {
            Protocol.MetadataHeaders.AddReceived(metadata, name, values);
        }

        return metadata;
    }
}
