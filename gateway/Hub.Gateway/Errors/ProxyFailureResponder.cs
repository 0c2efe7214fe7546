using Hub.ServiceDefaults.Grpc;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Hub.Gateway.Errors;

/// <summary>
/// When the proxy itself cannot get an answer (no healthy destination, connection refused, timed
/// out), the caller gets an error in its own protocol: a gRPC status for gRPC, a problem for REST.
/// Answers that came from a service pass through untouched.
/// </summary>
internal static class ProxyFailureResponder
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        await next();
        if (context.Response.HasStarted || !TryDescribe(context, out var timedOut))
        {
            return;
        }

        var message = timedOut
            ? "The service behind this route did not answer in time."
            : "The service behind this route is unavailable; retry later.";
        if (GrpcRefusal.IsGrpc(context.Request))
        {
            GrpcRefusal.Write(context.Response, timedOut ? GrpcRefusal.DeadlineExceeded : GrpcRefusal.Unavailable, message);
            return;
        }

        context.Response.StatusCode = timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status503ServiceUnavailable;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = context.Response.StatusCode, Title = "Service unavailable", Detail = message },
        });
    }

    private static bool TryDescribe(HttpContext context, out bool timedOut)
    {
        timedOut = false;
        if (context.Features.Get<IForwarderErrorFeature>() is { } error)
        {
            timedOut = error.Error == ForwarderError.RequestTimedOut;
            return error.Error != ForwarderError.RequestCanceled;
        }

        // No destination was left to try: every one failed its health checks.
        return context.Features.Get<IReverseProxyFeature>() is { AvailableDestinations.Count: 0 };
    }
}
