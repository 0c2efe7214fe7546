using Hub.Grpc.Server;

namespace Hub.Sync.Callers;

/// <summary>
/// Turns a call into its caller, or ends it: UNAUTHENTICATED without a valid token,
/// PERMISSION_DENIED without the scope. One seam, so the token format can change in one place.
/// </summary>
public interface ISyncCallerResolver
{
    SyncCaller Resolve(ServerCallContext context, string requiredScope);
}
