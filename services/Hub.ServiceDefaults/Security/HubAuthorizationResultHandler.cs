using Hub.ServiceDefaults.Grpc;
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

        if (GrpcRefusal.IsGrpc(context.Request))
        {
            GrpcRefusal.Write(context.Response, authorizeResult.Challenged ? GrpcRefusal.Unauthenticated : GrpcRefusal.PermissionDenied, detail);
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
}
