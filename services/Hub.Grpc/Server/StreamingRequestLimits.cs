using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace Hub.Grpc.Server;

/// <summary>
/// Kestrel's per-request body limits are made for bodies that end: at most 30 MB in total
/// (MaxRequestBodySize) and at least 240 bytes/s while the app waits (MinRequestBodyDataRate). A
/// client-streaming or bidirectional call's request body is a stream of messages that may run for
/// hours and pause between batches, so either limit would end a healthy call part-way, and the
/// handler would see a BadHttpRequestException (INTERNAL to the client). Such calls are bounded
/// per message instead (<see cref="GrpcServerOptions.MaxReceiveMessageSize"/>), as Grpc.AspNetCore
/// does. Unary and server-streaming calls keep Kestrel's limits: their body is one message.
/// </summary>
internal static class StreamingRequestLimits
{
    public static void Lift(HttpContext http, ILogger logger, string method)
    {
        if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { } size)
        {
            if (size.IsReadOnly)
            {
                // Something before this handler already read from the body; the limit stays.
                ServerLog.BodySizeLimitKept(logger, method);
                return;
            }

            size.MaxRequestBodySize = null;
        }
    }
}
