using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hub.Scoring.Live;
using Hub.Scoring.Periods;
using Hub.Scoring.Units;
using Hub.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hub.Scoring.Api;

/// <summary>
/// The scores REST API for ministries and provinces, under <c>/api/v1/scores</c> (the prefix the
/// gateway forwards): rankings, one unit's breakdown, drill-down to children, history, snapshots,
/// the rule sets, a live stream, and the OpenAPI document. See <see cref="ScoresOpenApi"/> for the
/// conventions every route follows (scope, visibility, periods, CSV, ETags, problems).
/// </summary>
public static class ScoresApi
{
    public const string Prefix = "/api/v1/scores";

    private const string FormatDescription = "csv or json; by default the Accept header decides (text/csv or application/json).";

    public static WebApplicationBuilder AddScoresApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton<ScoreFeed>();
        services.AddSingleton<ReferenceData>();
        services.AddSingleton<ScoreReader>();
        services.AddSingleton<RankingCache>();
        services.AddSingleton<RenderedBodies>();
        services.AddSingleton(builder.Configuration.GetSection(ScoreStreamOptions.Section).Get<ScoreStreamOptions>() ?? new ScoreStreamOptions());
        // Responses only: numbers are numbers (the web default would also read them from strings,
        // which the OpenAPI document then advertises as "number or string").
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.AddOpenApi(ScoresOpenApi.DocumentName, ScoresOpenApi.Configure);
        return builder;
    }

    public static IEndpointRouteBuilder MapScoresApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi(ScoresOpenApi.Route).AllowAnonymous();

        var scores = app.MapGroup(Prefix).RequireAuthorization(HubScopes.ScoresRead).WithTags("scores");
        scores.MapGet("rankings", RankingsAsync).Documented("GetRanking",
            "A level's ranking for a period",
            "Every scored unit of the level ranked on its total (1 = best; ties share a rank), with its classification, group points, "
            + "the previous period's total and the change since. A caller that reads only its own subtree gets only its own rows; "
            + "their ranks are still over the whole level (rankedUnits says how many).");
        scores.MapGet("units/{code}", UnitAsync).Documented("GetUnitScore",
            "One unit's score breakdown",
            "The current score of a unit for a period: total, classification, and each group's criteria with numerator, denominator, "
            + "rate, points, maximum, threshold and whether it applies at the unit's level; the rule-set version it was computed with, "
            + "when it was computed and the instant its figures were judged at. 404 while the unit has no score for the period.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        scores.MapGet("units/{code}/children", ChildrenAsync).Documented("GetUnitChildren",
            "Drill-down: a unit's children",
            "One row per direct child of the unit (departments and communes of a province, for example), shaped like ranking rows; "
            + "a child with no score for the period has null figures. Ranks are among the siblings of the same level.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        scores.MapGet("units/{code}/history", HistoryAsync).Documented("GetUnitHistory",
            "A unit's totals over time",
            "One point per period from 'from' to 'to' (periods of one kind), each the unit's current total for that period, null "
            + "where it has none. Without 'to', the running period; without 'from', 12 months, 8 quarters or 5 years back.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        scores.MapGet("units/{code}/snapshots", SnapshotsAsync).Documented("GetUnitSnapshots",
            "The stored snapshots of one unit and period",
            "Every time the unit's score for the period changed, newest first (the first is the current score).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        scores.MapGet("rule-sets", RuleSets).Documented("ListRuleSets",
            "The rule-set versions and their schedule",
            "The versions the service ships and which is in force from when: a period is scored with the last scheduled version "
            + "whose start is on or before the period's first day.");
        scores.MapGet("rule-sets/{version}", RuleSet).Documented("GetRuleSet",
            "One rule set",
            "A rule-set version as shipped: classification bands, groups and criteria (counters, maximum points, thresholds, "
            + "empty-denominator points, levels).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        scores.MapGet("stream", Stream).Documented("StreamScoreChanges",
            "Live score changes (server-sent events)",
            "text/event-stream: each change of a unit's score is an event 'score' whose id is the snapshot id and whose data is a "
            + "ScoreChange (JSON). 'unit' limits the stream to that unit's subtree (by default, all the caller may read); 'period' to "
            + "one period. An idle stream sends a comment every 15 s. Changes are not replayed: read the current state over REST, "
            + "then follow the stream.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<JsonBody<RankingResponse>, CsvResult, NotModified, ValidationProblem>> RankingsAsync(
        [Description("The period: 2026-05, 2026-Q2 or 2026. Required.")] string? period,
        [Description("The unit level ranked: province (default), ministry, department, commune or national.")] string? level,
        [Description(FormatDescription)] string? format,
        HttpContext http, RankingCache rankings, ReferenceData reference, RenderedBodies rendered, IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        if (QueryParameters.RequiredPeriod(period, "period", out var p) is { } periodError)
        {
            return ScoreProblems.Invalid("period", periodError);
        }
        if (QueryParameters.Level(level, out var unitLevel) is { } levelError)
        {
            return ScoreProblems.Invalid("level", levelError);
        }
        if (FormatNegotiation.Choose(http.Request, format) is not { } responseFormat)
        {
            return ScoreProblems.Invalid("format", FormatDescription);
        }
        var scope = ScopeOf(http, reference);
        var ranking = await rankings.GetAsync(unitLevel, p, scope.Root, cancellationToken);
        var etag = EntityTags.For("rankings", unitLevel, p.ToString(), scope.Key, responseFormat.ToString(), ranking.Version, reference.Fingerprint);
        if (EntityTags.Stamp(http, etag))
        {
            return NotModified.Instance;
        }
        RankingResponse Body() => new(unitLevel, p.ToString(), p.Previous.ToString(), ranking.RankedUnits,
            ranking.Rows.Select(r => reference.Row(r, r.Rank)).ToList());
        if (responseFormat == ResponseFormat.Csv)
        {
            return ScoresCsv.Ranking(Body());
        }
        // Dashboards poll the ranking: it is rendered once for each version, not on every request.
        return new JsonBody<RankingResponse>(rendered.GetOrRender(etag, () => JsonSerializer.SerializeToUtf8Bytes(Body(), json.Value.SerializerOptions)));
    }

    private static async Task<Results<Ok<UnitScoreResponse>, CsvResult, NotModified, ValidationProblem, ProblemHttpResult>> UnitAsync(
        [Description("The unit's code (79, 26734, BTP, …).")] string code,
        [Description("The period: 2026-05, 2026-Q2 or 2026. Required.")] string? period,
        [Description(FormatDescription)] string? format,
        HttpContext http, ScoreReader reader, ReferenceData reference, CancellationToken cancellationToken)
    {
        if (QueryParameters.RequiredPeriod(period, "period", out var p) is { } periodError)
        {
            return ScoreProblems.Invalid("period", periodError);
        }
        if (FormatNegotiation.Choose(http.Request, format) is not { } responseFormat)
        {
            return ScoreProblems.Invalid("format", FormatDescription);
        }
        if (Refusal(http, reference, code) is { } refusal)
        {
            return refusal;
        }
        var stored = await reader.BreakdownAsync(code, p, cancellationToken);
        if (stored is null)
        {
            return ScoreProblems.NoScore(code, p.ToString());
        }
        var etag = EntityTags.For("unit", code, p.ToString(), responseFormat.ToString(), stored.SnapshotId.ToString(System.Globalization.CultureInfo.InvariantCulture), reference.Fingerprint);
        if (EntityTags.Stamp(http, etag))
        {
            return NotModified.Instance;
        }
        var score = stored.Score;
        var body = new UnitScoreResponse(
            code, reference.NameOf(code), reference.LevelOf(code), p.ToString(), score.RuleSetVersion,
            ScoreRounding.Points(score.Total), score.Classification, reference.ClassificationName(score.RuleSetVersion, score.Classification),
            stored.SnapshotId, stored.ComputedAt, score.EvaluatedAt,
            score.Groups.Select(g => new GroupBreakdown(g.Code, g.Name, ScoreRounding.Points(g.Points), g.MaxPoints,
                g.Criteria.Select(c => new CriterionBreakdown(
                    c.Code, c.Name, c.NumeratorValue, c.DenominatorValue, ScoreRounding.Rate(c.Rate), ScoreRounding.Points(c.Points),
                    c.MaxPoints, c.Threshold, c.Applicable, c.Numerator, c.Denominator, c.RateMultipliedBy, c.Display)).ToList())).ToList());
        return responseFormat == ResponseFormat.Csv ? ScoresCsv.Breakdown(body) : TypedResults.Ok(body);
    }

    private static async Task<Results<Ok<ChildrenResponse>, CsvResult, NotModified, ValidationProblem, ProblemHttpResult>> ChildrenAsync(
        [Description("The parent unit's code.")] string code,
        [Description("The period: 2026-05, 2026-Q2 or 2026. Required.")] string? period,
        [Description(FormatDescription)] string? format,
        HttpContext http, ScoreReader reader, ReferenceData reference, CancellationToken cancellationToken)
    {
        if (QueryParameters.RequiredPeriod(period, "period", out var p) is { } periodError)
        {
            return ScoreProblems.Invalid("period", periodError);
        }
        if (FormatNegotiation.Choose(http.Request, format) is not { } responseFormat)
        {
            return ScoreProblems.Invalid("format", FormatDescription);
        }
        if (Refusal(http, reference, code) is { } refusal)
        {
            return refusal;
        }
        var children = reference.Units.ChildrenOf(code);
        var stored = await reader.ScoresAsync(children.Select(c => c.Code).ToList(), p, cancellationToken);
        var version = string.Join(',', stored.Select(s => FormattableString.Invariant($"{s.UnitCode}:{s.SnapshotId}:{s.PreviousSnapshotId}")));
        var etag = EntityTags.For("children", code, p.ToString(), responseFormat.ToString(), version, reference.Fingerprint);
        if (EntityTags.Stamp(http, etag))
        {
            return NotModified.Instance;
        }
        var byCode = stored.ToDictionary(s => s.UnitCode, StringComparer.Ordinal);
        var rows = children
            .Select(c => byCode.TryGetValue(c.Code, out var s) ? reference.Row(s, SiblingRank(s, c.Level, stored, reference)) : reference.Unscored(c.Code))
            .OrderBy(r => r.UnitLevel, StringComparer.Ordinal)
            .ThenBy(r => r.Rank ?? int.MaxValue)
            .ThenBy(r => r.UnitCode, StringComparer.Ordinal)
            .ToList();
        var body = new ChildrenResponse(code, reference.NameOf(code), p.ToString(), p.Previous.ToString(), rows);
        return responseFormat == ResponseFormat.Csv ? ScoresCsv.Children(body) : TypedResults.Ok(body);
    }

    private static async Task<Results<Ok<HistoryResponse>, CsvResult, NotModified, ValidationProblem, ProblemHttpResult>> HistoryAsync(
        [Description("The unit's code.")] string code,
        [Description("month, quarter or year; by default the kind of 'from' or 'to', else month.")] string? kind,
        [Description("The first period (2026-01, 2026-Q1, 2026).")] string? from,
        [Description("The last period; by default the running one.")] string? to,
        [Description(FormatDescription)] string? format,
        HttpContext http, ScoreReader reader, ReferenceData reference, TimeProvider time, CancellationToken cancellationToken)
    {
        if (QueryParameters.Kind(kind, out var askedKind) is { } kindError)
        {
            return ScoreProblems.Invalid("kind", kindError);
        }
        if (QueryParameters.OptionalPeriod(from, out var first) is { } fromError)
        {
            return ScoreProblems.Invalid("from", fromError);
        }
        if (QueryParameters.OptionalPeriod(to, out var last) is { } toError)
        {
            return ScoreProblems.Invalid("to", toError);
        }
        var periodKind = askedKind ?? first?.Kind ?? last?.Kind ?? PeriodKind.Month;
        if (first is { } f && f.Kind != periodKind)
        {
            return ScoreProblems.Invalid("from", $"'{from}' is not a {PeriodKinds.Name(periodKind)}.");
        }
        if (last is { } l && l.Kind != periodKind)
        {
            return ScoreProblems.Invalid("to", $"'{to}' is not a {PeriodKinds.Name(periodKind)}.");
        }
        if (FormatNegotiation.Choose(http.Request, format) is not { } responseFormat)
        {
            return ScoreProblems.Invalid("format", FormatDescription);
        }
        var end = last ?? Period.Containing(periodKind, time.GetUtcNow());
        var start = first ?? Back(end, periodKind switch { PeriodKind.Month => 11, PeriodKind.Quarter => 7, _ => 4 });
        if (start.Start > end.Start)
        {
            return ScoreProblems.Invalid("from", $"'{start}' is after '{end}'.");
        }
        var periods = new List<Period>();
        for (var current = start; current.Start <= end.Start; current = PeriodKinds.Next(current))
        {
            if (periods.Count == QueryParameters.MaxHistoryPoints)
            {
                return ScoreProblems.Invalid("from", $"at most {QueryParameters.MaxHistoryPoints} periods at a time.");
            }
            periods.Add(current);
        }
        if (Refusal(http, reference, code) is { } refusal)
        {
            return refusal;
        }
        var stored = await reader.HistoryAsync(code, periodKind, start.Start, end.Start, cancellationToken);
        var version = string.Join(',', stored.Values.Select(v => v.SnapshotId));
        var etag = EntityTags.For("history", code, start.ToString(), end.ToString(), responseFormat.ToString(), version, reference.Fingerprint);
        if (EntityTags.Stamp(http, etag))
        {
            return NotModified.Instance;
        }
        var points = periods
            .Select(q => stored.TryGetValue(q.Start, out var point) ? point : new HistoryPoint(q.ToString(), null, null, null, null, null))
            .ToList();
        var body = new HistoryResponse(code, reference.NameOf(code), PeriodKinds.Name(periodKind), start.ToString(), end.ToString(), points);
        return responseFormat == ResponseFormat.Csv ? ScoresCsv.History(body) : TypedResults.Ok(body);
    }

    private static async Task<Results<Ok<SnapshotsResponse>, CsvResult, NotModified, ValidationProblem, ProblemHttpResult>> SnapshotsAsync(
        [Description("The unit's code.")] string code,
        [Description("The period: 2026-05, 2026-Q2 or 2026. Required.")] string? period,
        [Description("How many snapshots, newest first: 1 to 1000, default 100.")] string? limit,
        [Description(FormatDescription)] string? format,
        HttpContext http, ScoreReader reader, ReferenceData reference, CancellationToken cancellationToken)
    {
        if (QueryParameters.RequiredPeriod(period, "period", out var p) is { } periodError)
        {
            return ScoreProblems.Invalid("period", periodError);
        }
        if (QueryParameters.Limit(limit, 100, QueryParameters.MaxSnapshots, out var count) is { } limitError)
        {
            return ScoreProblems.Invalid("limit", limitError);
        }
        if (FormatNegotiation.Choose(http.Request, format) is not { } responseFormat)
        {
            return ScoreProblems.Invalid("format", FormatDescription);
        }
        if (Refusal(http, reference, code) is { } refusal)
        {
            return refusal;
        }
        var snapshots = await reader.SnapshotsAsync(code, p, count, cancellationToken);
        var version = string.Join(',', snapshots.Select(s => FormattableString.Invariant($"{s.SnapshotId}{(s.Current ? "*" : "")}")));
        var etag = EntityTags.For("snapshots", code, p.ToString(), count.ToString(System.Globalization.CultureInfo.InvariantCulture), responseFormat.ToString(), version, reference.Fingerprint);
        if (EntityTags.Stamp(http, etag))
        {
            return NotModified.Instance;
        }
        var body = new SnapshotsResponse(code, reference.NameOf(code), p.ToString(), snapshots);
        return responseFormat == ResponseFormat.Csv ? ScoresCsv.Snapshots(body) : TypedResults.Ok(body);
    }

    private static Results<Ok<RuleSetsResponse>, NotModified> RuleSets(HttpContext http, ReferenceData reference, TimeProvider time)
    {
        var catalog = reference.RuleSets;
        var inForce = catalog.InForce(Period.Containing(PeriodKind.Month, time.GetUtcNow())).Version;
        if (EntityTags.Stamp(http, EntityTags.For("rule-sets", inForce, reference.Fingerprint)))
        {
            return NotModified.Instance;
        }
        var versions = catalog.Versions.OrderBy(r => r.Version, StringComparer.Ordinal)
            .Select(r => new RuleSetSummary(r.Version, r.Title, r.Notes, r.Groups.Count, r.Criteria.Count(), InForceFrom(reference, r.Version)))
            .ToList();
        // Configuration binding can list an entry twice (defaults plus settings): show each once.
        return TypedResults.Ok(new RuleSetsResponse(inForce, catalog.Schedule.Distinct().ToList(), versions));
    }

    private static Results<Ok<RuleSetResponse>, NotModified, ProblemHttpResult> RuleSet(
        [Description("The rule-set version, e.g. 766-v1.")] string version, HttpContext http, ReferenceData reference)
    {
        var ruleSet = reference.RuleSets.Find(version);
        if (ruleSet is null)
        {
            return ScoreProblems.UnknownRuleSet(version);
        }
        if (EntityTags.Stamp(http, EntityTags.For("rule-set", version, reference.Fingerprint)))
        {
            return NotModified.Instance;
        }
        return TypedResults.Ok(new RuleSetResponse(ruleSet.Version, ruleSet.Title, ruleSet.Notes, ruleSet.Classification, ruleSet.Groups, InForceFrom(reference, version)));
    }

    private static Results<ScoreStreamResult, ValidationProblem, ProblemHttpResult> Stream(
        [Description("Only changes of units in this unit's subtree; by default every unit the caller may read.")] string? unit,
        [Description("Only changes of this period (2026-05, 2026-Q2, 2026); by default every period.")] string? period,
        HttpContext http, ScoreFeed feed, ReferenceData reference, ScoreStreamOptions options)
    {
        if (QueryParameters.OptionalPeriod(period, out var only) is { } periodError)
        {
            return ScoreProblems.Invalid("period", periodError);
        }
        var root = ScopeOf(http, reference).Root;
        if (!string.IsNullOrWhiteSpace(unit))
        {
            root = unit.Trim();
            if (Refusal(http, reference, root) is { } refusal)
            {
                return refusal;
            }
        }
        return new ScoreStreamResult(feed, reference, root, only, options);
    }

    private static RouteHandlerBuilder Documented(this RouteHandlerBuilder route, string name, string summary, string description) =>
        route.WithName(name).WithSummary(summary).WithDescription(description)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static CallerScope ScopeOf(HttpContext http, ReferenceData reference) => CallerScope.For(http.GetCaller(), reference.Units);

    /// <summary>404 for a unit that does not exist, 403 for one outside the caller's subtree, null when the caller may read it.</summary>
    private static ProblemHttpResult? Refusal(HttpContext http, ReferenceData reference, string code)
    {
        if (reference.Units.Find(code) is null)
        {
            return ScoreProblems.UnknownUnit(code);
        }
        return ScopeOf(http, reference).CanSee(code) ? null : ScoreProblems.OutsideScope(code);
    }

    /// <summary>1 + how many siblings of the same level have a higher total as shown.</summary>
    private static int SiblingRank(StoredScore score, string level, IReadOnlyList<StoredScore> siblings, ReferenceData reference)
    {
        var total = ScoreRounding.Points(score.Total);
        return 1 + siblings.Count(s => string.Equals(reference.LevelOf(s.UnitCode), level, StringComparison.Ordinal) && ScoreRounding.Points(s.Total) > total);
    }

    private static Period Back(Period period, int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            period = period.Previous;
        }
        return period;
    }

    private static List<DateOnly> InForceFrom(ReferenceData reference, string version) =>
        reference.RuleSets.Schedule.Where(s => string.Equals(s.Version, version, StringComparison.Ordinal)).Select(s => s.From).Distinct().ToList();
}
