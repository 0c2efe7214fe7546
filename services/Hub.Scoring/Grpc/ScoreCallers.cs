using Hub.Grpc;
using Hub.Grpc.Server;
using Hub.Scoring.Units;
using Hub.ServiceDefaults.Security;

namespace Hub.Scoring.Grpc;

/// <summary>
/// Who may read which scores, from the token the hub's authentication validated (the service
/// checks this itself, not only the gateway): scope hub.scores.read on every call; the national
/// operator and ministries read every unit, anyone else (a province) its own subtree only.
/// </summary>
public sealed class ScoreCallers(UnitDirectory units)
{
    /// <summary>The caller, or the call ends: UNAUTHENTICATED without a valid token, PERMISSION_DENIED without the scope.</summary>
    public CallerContext Resolve(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = CallerContext.From(context.HttpContext.User)
            ?? throw new GrpcCallException(GrpcStatusCode.Unauthenticated,
                $"A valid bearer access token with scope {HubScopes.ScoresRead} is required: send it as 'authorization: Bearer <token>'.");
        if (!caller.HasScope(HubScopes.ScoresRead))
        {
            throw new GrpcCallException(GrpcStatusCode.PermissionDenied, $"The access token lacks scope {HubScopes.ScoresRead}.");
        }
        return caller;
    }

    /// <summary>Ends the call with PERMISSION_DENIED unless the caller may read <paramref name="unit"/> (the rule REST applies too).</summary>
    public void EnsureMayRead(CallerContext caller, Unit unit)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(unit);
        if (!CallerScope.For(caller, units).CanSee(unit.Code))
        {
            throw new GrpcCallException(GrpcStatusCode.PermissionDenied,
                $"Unit {unit.Code} ({unit.Name}) is outside the caller's unit {caller.Unit}: a province's token reads the scores of its own subtree only.");
        }
    }
}
