using System.Globalization;
using System.Threading.RateLimiting;
using Hub.ServiceDefaults.Grpc;
using Hub.ServiceDefaults.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.RateLimiting;

/// <summary>
/// One token bucket per client, sized by its tenant's tier; callers without a valid token share a
/// bucket per source address. A refusal says when to come back: RESOURCE_EXHAUSTED with
/// <c>grpc-retry-pushback-ms</c> for gRPC, 429 with Retry-After for REST.
/// </summary>
internal sealed class ClientRateLimitPolicy(IOptionsMonitor<RateLimitSettings> settings) : IRateLimiterPolicy<string>
{
    public const string Name = "per-client";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var caller = CallerContext.From(httpContext.User);
        if (caller is null)
        {
            var address = httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return Bucket("address:" + address, settings.CurrentValue.TierOf(null));
        }
        return Bucket("client:" + caller.ClientId, settings.CurrentValue.TierOf(caller.Tenant));
    }

    private static RateLimitPartition<string> Bucket(string key, RateLimitTier tier) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = tier.Burst,
            TokensPerPeriod = tier.PerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var http = context.HttpContext;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        const string message = "Rate limit of the client's tier exceeded; retry later.";
        if (GrpcRefusal.IsGrpc(http.Request))
        {
            GrpcRefusal.Write(http.Response, GrpcRefusal.ResourceExhausted, message);
            http.Response.Headers["grpc-retry-pushback-ms"] = ((long)wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = message },
        });
    }
}
