namespace Hub.Grpc.Server;

/// <summary>Limits and behaviour shared by every gRPC service of a process.</summary>
public sealed record GrpcServerOptions
{
    /// <summary>Largest request message accepted, after decompression; larger ones end the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Largest response message sent; a handler producing a larger one ends the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxSendMessageSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// Compression for responses ("gzip"), used only when the client lists it in grpc-accept-encoding.
    /// Null answers in the encoding the client used for its request, or uncompressed.
    /// </summary>
    public string? ResponseCompression { get; init; }

    /// <summary>Puts unhandled exception messages in grpc-message. Off by default: they can reveal internals.</summary>
    public bool EnableDetailedErrors { get; init; }
}
