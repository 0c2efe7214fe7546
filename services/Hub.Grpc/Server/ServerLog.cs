using Microsoft.Extensions.Logging;

namespace Hub.Grpc.Server;

internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "gRPC call {Method} failed with an unhandled exception")]
    public static partial void UnhandledException(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "gRPC call {Method} ended with {StatusCode}: {StatusMessage}")]
    public static partial void CallFailed(ILogger logger, string method, GrpcStatusCode statusCode, string statusMessage);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "gRPC request to {Path} rejected ({Reason}): {Detail}")]
    public static partial void RequestRejected(ILogger logger, string? path, string reason, string? detail);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "gRPC call {Method} ignored an invalid grpc-timeout '{Value}'")]
    public static partial void InvalidTimeout(ILogger logger, string method, string value);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "gRPC call {Method} keeps the server's request body size limit: the body was read before the call started, so a long stream may end part-way")]
    public static partial void BodySizeLimitKept(ILogger logger, string method);
}
