namespace Hub.Grpc.Framing;

/// <summary>A frame that breaks the protocol or a limit; the status is what the call must end with.</summary>
public sealed class GrpcFrameException : Exception
{
    public GrpcFrameException(GrpcStatusCode statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public GrpcStatusCode StatusCode { get; }
}
