using System.Diagnostics;
using Hub.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Model;

namespace Hub.Gateway.Logging;

/// <summary>
/// One structured line per call, refused or not: who called (client, tenant), what (route, gRPC
/// method or path), the outcome (HTTP status and gRPC status), bytes each way, duration and the
/// W3C trace id that the services' own logs carry too.
/// </summary>
internal sealed class AccessLogMiddleware(RequestDelegate next, ILogger<AccessLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var requestBody = new CountingStream(context.Request.Body);
        var responseBody = new CountingStream(context.Response.Body);
        context.Request.Body = requestBody;
        context.Response.Body = responseBody;
        try
        {
            await next(context);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                Write(context, requestBody.Count, responseBody.Count, Stopwatch.GetElapsedTime(started));
            }
        }
    }

    private void Write(HttpContext context, long bytesIn, long bytesOut, TimeSpan duration)
    {
        var caller = CallerContext.From(context.User);
        var grpcStatus = GrpcStatusOf(context);
        var route = context.Features.Get<IReverseProxyFeature>()?.Route.Config.RouteId ?? "-";
        var traceId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        AccessLog.Call(
            logger, context.Request.Method, context.Request.Path.Value ?? "", context.Response.StatusCode, grpcStatus,
            caller?.ClientId ?? "-", caller?.Tenant ?? "-", route, bytesIn, bytesOut, duration.TotalMilliseconds, traceId);
    }

    // A trailers-only answer carries the status in its headers, any other in its trailers.
    private static string GrpcStatusOf(HttpContext context)
    {
        var status = context.Response.Headers["grpc-status"].ToString();
        if (status.Length == 0)
        {
            status = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"].ToString() ?? "";
        }
        return status.Length == 0 ? "-" : status;
    }
}
