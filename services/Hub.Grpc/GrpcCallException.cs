using Hub.Grpc.Errors;

namespace Hub.Grpc;

/// <summary>
/// A call that ended with a status other than OK. Clients receive it from every call helper; server
/// handlers throw it to end a call with that status (anything else they throw becomes INTERNAL).
/// </summary>
public sealed class GrpcCallException : Exception
{
    public GrpcCallException(GrpcStatusCode statusCode, string? statusMessage = null, GrpcMetadata? trailers = null)
        : this(statusCode, statusMessage, trailers, [], innerException: null)
    {
    }

    public GrpcCallException(GrpcStatusCode statusCode, string? statusMessage, IReadOnlyList<FieldViolation> fieldViolations)
        : this(statusCode, statusMessage, trailers: null, fieldViolations, innerException: null)
    {
    }

    internal GrpcCallException(
        GrpcStatusCode statusCode,
        string? statusMessage,
        GrpcMetadata? trailers,
        IReadOnlyList<FieldViolation> fieldViolations,
        Exception? innerException)
        : base($"Status({statusCode}, \"{statusMessage}\")", innerException)
    {
        StatusCode = statusCode;
        StatusMessage = statusMessage ?? string.Empty;
        Trailers = trailers ?? new GrpcMetadata();
        FieldViolations = fieldViolations;
    }

    public GrpcStatusCode StatusCode { get; }

    /// <summary>The decoded grpc-message.</summary>
    public string StatusMessage { get; }

    /// <summary>Custom trailers: received ones on the client, ones to send on the server.</summary>
    public GrpcMetadata Trailers { get; }

    /// <summary>Field-level validation errors carried in grpc-status-details-bin.</summary>
    public IReadOnlyList<FieldViolation> FieldViolations { get; }
}
