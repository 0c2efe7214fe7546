namespace Hub.Gateway.Logging;

internal static partial class AccessLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Method} {Target} {Status} grpc-status={GrpcStatus} client={Client} tenant={Tenant} route={Route} in={BytesIn} out={BytesOut} {DurationMs:0.0}ms trace={TraceId}")]
    public static partial void Call(ILogger logger, string method, string target, int status, string grpcStatus,
        string client, string tenant, string route, long bytesIn, long bytesOut, double durationMs, string traceId);
}
