using System.Globalization;

namespace Hub.Gateway.Protocol;

/// <summary>
/// Refusals a gRPC client understands: HTTP 200 with the status in the headers and no body (a
/// "trailers-only" response), which every gRPC library turns into its own status exception.
/// </summary>
internal static class GrpcResponse
{
    public const int ResourceExhausted = 8;
    public const int Unavailable = 14;
    public const int DeadlineExceeded = 4;

    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    public static void WriteStatus(HttpResponse response, int status, string message)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = status.ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
    }
}
