using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Hub.ServiceDefaults.Security;

/// <summary>
/// Refuses in the caller's own protocol: a gRPC client gets a gRPC status (UNAUTHENTICATED or
/// PERMISSION_DENIED, trailers-only, HTTP 200) that every gRPC library understands, a REST client an
/// RFC 9457 problem with the 401 or 403 and the bearer challenge.
/// </summary>
internal sealed class HubAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private const int GrpcUnauthenticated = 16;
    private const int GrpcPermissionDenied = 7;

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await next(context);
            return;
        }

        // The handler keeps its result for the request, so this reads why the token failed
        // without validating it twice.
        var detail = authorizeResult.Challenged
            ? TokenFailureText.Describe((await context.AuthenticateAsync()).Failure)
            : "The access token does not carry the scope this call needs.";

        if (IsGrpc(context.Request))
        {
            WriteGrpcStatus(context.Response, authorizeResult.Challenged ? GrpcUnauthenticated : GrpcPermissionDenied, detail);
            return;
        }

        if (authorizeResult.Challenged)
        {
            await context.ChallengeAsync(); // 401 with WWW-Authenticate: Bearer error="invalid_token"
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = context.Response.StatusCode,
                Title = authorizeResult.Challenged ? "Authentication required" : "Forbidden",
                Detail = detail,
            },
        });
    }

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    private static void WriteGrpcStatus(HttpResponse response, int status, string message)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The protocol percent-encodes grpc-message; the texts here are ASCII.
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
    }
}
