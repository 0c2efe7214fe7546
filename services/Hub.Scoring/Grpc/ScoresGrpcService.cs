using Hub.Grpc;
using Hub.Grpc.Errors;
using Hub.Grpc.Server;
using Hub.Scoring.Periods;
using Hub.Scoring.Rules;
using Hub.Scoring.Units;
using Hub.Scoring.V1;
using Hub.ServiceDefaults.Security;
using Npgsql;

namespace Hub.Scoring.Grpc;

/// <summary>
/// hub.scoring.v1.ScoresService: every call resolves and authorises its caller, validates its
/// arguments, then reads stored snapshots (never computes a score itself).
/// </summary>
public sealed class ScoresGrpcService(
    ScoreCallers callers, ScoreStore store, UnitDirectory units, RuleSetCatalog ruleSets, ScoresGrpcOptions options)
{
    private const string PeriodHelp = "Expected a month (2026-05), a quarter (2026-Q2) or a year (2026).";

    public void Bind(GrpcServiceBuilder service)
    {
        ArgumentNullException.ThrowIfNull(service);
        service
            .Unary<GetScoreRequest, V1.UnitScore>("GetScore", GetScoreAsync)
            .ServerStreaming<WatchScoresRequest, ScoreChanged>("WatchScores", WatchScoresAsync);
    }

    private async Task<V1.UnitScore> GetScoreAsync(GetScoreRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        var violations = new List<FieldViolation>();
        var unit = UnitOf(request.UnitCode, violations);
        if (!Period.TryParse(request.Period, out var period))
        {
            violations.Add(new FieldViolation("period", string.IsNullOrWhiteSpace(request.Period)
                ? $"Required. {PeriodHelp}"
                : $"'{request.Period}' is not a period. {PeriodHelp}"));
        }
        ThrowIfInvalid(violations);
        callers.EnsureMayRead(caller, unit!);

        var stored = await Guard(() => store.CurrentAsync(unit!.Code, period, context.CancellationToken), context);
        if (stored is null)
        {
            throw new GrpcCallException(GrpcStatusCode.NotFound,
                $"Unit {unit!.Code} has no score for {period} yet: no data has reached it for that period, or it is not computed yet.");
        }
        return ScoreMessages.UnitScore(stored, unit!, period, ruleSets.Find(stored.Score.RuleSetVersion));
    }

    /// <summary>
    /// Polls for snapshots that became current in the subtree since the call started (see
    /// <see cref="ScoreStore"/>). The response headers go out once the starting position is fixed,
    /// so a client that saw them knows every later change reaches it (the gateway passes them on
    /// only with the first message). The call ends when the client cancels or its deadline passes,
    /// and with UNAUTHENTICATED once the client's token expires or is revoked (it calls again with a fresh one).
    /// </summary>
    private async Task WatchScoresAsync(WatchScoresRequest request, IGrpcStreamWriter<ScoreChanged> responses, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        var violations = new List<FieldViolation>();
        var unit = UnitOf(string.IsNullOrEmpty(request.UnitCode) ? caller.Unit : request.UnitCode, violations);
        if (!System.Enum.IsDefined(request.PeriodKind))
        {
            violations.Add(new FieldViolation("period_kind", $"Unknown period kind {(int)request.PeriodKind}: PERIOD_KIND_MONTH, _QUARTER, _YEAR or unspecified for all."));
        }
        ThrowIfInvalid(violations);
        callers.EnsureMayRead(caller, unit!);

        var subtree = unit!.Parent is null ? null : units.All.Where(u => units.IsWithin(u.Code, unit.Code)).Select(u => u.Code).ToList();
        var kind = (short)request.PeriodKind;
        var cancellationToken = context.CancellationToken;
        var (start, position) = await Guard(() => store.StartAsync(cancellationToken), context);
        var lease = TokenLease.For(context.HttpContext);
        await context.WriteResponseHeadersAsync();
        while (true)
        {
            await Task.Delay(options.GrpcWatchInterval, cancellationToken);
            if (lease.HasLapsed)
            {
                throw new GrpcCallException(GrpcStatusCode.Unauthenticated, "The access token expired or was revoked during the watch; call again with a new one.");
            }
            var (next, changes) = await Guard(() => store.ChangesAsync(start, position, subtree, kind, cancellationToken), context);
            foreach (var change in changes)
            {
                if (units.Find(change.UnitCode) is { } changed)
                {
                    await responses.WriteAsync(ScoreMessages.ScoreChanged(change, changed), cancellationToken);
                }
            }
            position = next;
        }
    }

    /// <summary>The unit named by a field, or null with a violation.</summary>
    private Unit? UnitOf(string code, List<FieldViolation> violations)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            violations.Add(new FieldViolation("unit_code", "Required: the unit's official code, e.g. 79 for a province or 26734 for a commune."));
            return null;
        }
        var unit = units.Find(code.Trim());
        if (unit is null)
        {
            violations.Add(new FieldViolation("unit_code", $"Unknown unit '{code}': not in the hub's administrative tree."));
        }
        return unit;
    }

    private static void ThrowIfInvalid(List<FieldViolation> violations)
    {
        if (violations.Count > 0)
        {
            throw new GrpcCallException(GrpcStatusCode.InvalidArgument,
                string.Join(" ", violations.Select(v => $"{v.Field}: {v.Description}")), violations);
        }
    }

    /// <summary>A database that cannot be reached is UNAVAILABLE (worth a retry), not INTERNAL.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> read, ServerCallContext context)
    {
        try
        {
            return await read();
        }
        catch (NpgsqlException exception) when (!context.CancellationToken.IsCancellationRequested && exception.IsTransient)
        {
            throw new GrpcCallException(GrpcStatusCode.Unavailable, "The score store is unavailable; retry shortly.");
        }
    }
}
