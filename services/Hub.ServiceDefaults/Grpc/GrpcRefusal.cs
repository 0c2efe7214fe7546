using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Hub.ServiceDefaults.Grpc;

/// <summary>
/// Refusals a gRPC client understands, for middleware that answers before any gRPC handler runs
/// (authorisation, rate limits, the gateway's proxy): HTTP 200 with the status in the headers and
/// no body — a "trailers-only" response — which every gRPC library turns into its status.
/// </summary>
public static class GrpcRefusal
{
    public const int DeadlineExceeded = 4;
    public const int PermissionDenied = 7;
    public const int ResourceExhausted = 8;
    public const int Unavailable = 14;
    public const int Unauthenticated = 16;

    public static bool IsGrpc(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
    }

    public static void Write(HttpResponse response, int status, string message)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = status.ToString(CultureInfo.InvariantCulture);
        // The protocol percent-encodes grpc-message; encoding more than it requires is still valid.
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
    }
}
