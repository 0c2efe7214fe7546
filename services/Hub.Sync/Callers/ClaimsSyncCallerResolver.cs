using Hub.Grpc;
using Hub.Grpc.Server;
using Hub.ServiceDefaults.Security;

namespace Hub.Sync.Callers;

/// <summary>
/// Reads the caller from the principal the hub's JWT authentication validated (signature, issuer,
/// audience, lifetime, typ at+jwt). It never looks at raw headers: a principal exists only when a
/// token passed validation.
/// </summary>
public sealed class ClaimsSyncCallerResolver : ISyncCallerResolver
{
    public SyncCaller Resolve(ServerCallContext context, string requiredScope)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = CallerContext.From(context.HttpContext.User)
            ?? throw new GrpcCallException(GrpcStatusCode.Unauthenticated, "A valid bearer access token is required.");
        if (!caller.HasScope(requiredScope))
        {
            throw new GrpcCallException(GrpcStatusCode.PermissionDenied, $"The access token lacks scope {requiredScope}.");
        }
        return new SyncCaller(caller.Tenant, caller.Unit, caller.Scopes);
    }
}
