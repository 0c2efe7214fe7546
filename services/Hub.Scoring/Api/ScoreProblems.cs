using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Scoring.Api;

/// <summary>The RFC 9457 problems the scores API answers with (application/problem+json).</summary>
public static class ScoreProblems
{
    public static ProblemHttpResult UnknownUnit(string code) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Unit '{code}' does not exist.");

    public static ProblemHttpResult NoScore(string code, string period) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Unit '{code}' has no score for {period} yet.");

    public static ProblemHttpResult UnknownRuleSet(string version) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Rule set '{version}' does not exist.");

    /// <summary>Units are public, so a unit outside the caller's subtree is refused, not hidden.</summary>
    public static ProblemHttpResult OutsideScope(string code) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: $"Unit '{code}' is outside the subtree this caller may read.");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] },
            detail: $"{field}: {message}",
            title: "The request is not valid");
}
