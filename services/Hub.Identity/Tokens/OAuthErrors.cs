using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Identity.Tokens;

/// <summary>RFC 6749 §5.2 error responses.</summary>
public static class OAuthErrors
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidScope = "invalid_scope";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string UnauthorizedClient = "unauthorized_client";

    /// <summary>Not in §5.2: the answer while a caller is paused after repeated authentication failures.</summary>
    public const string TemporarilyUnavailable = "temporarily_unavailable";

    public static JsonHttpResult<OAuthErrorResponse> BadRequest(string error, string description) =>
        TypedResults.Json(new OAuthErrorResponse(error, description), statusCode: StatusCodes.Status400BadRequest);

    /// <summary>401 with a challenge for the scheme the client can use, as §5.2 requires for invalid_client.</summary>
    public static JsonHttpResult<OAuthErrorResponse> InvalidClientResult(HttpResponse response, string description)
    {
        response.Headers.WWWAuthenticate = "Basic realm=\"hub\", charset=\"UTF-8\"";
        return TypedResults.Json(new OAuthErrorResponse(InvalidClient, description), statusCode: StatusCodes.Status401Unauthorized);
    }

    public static JsonHttpResult<OAuthErrorResponse> Throttled(HttpResponse response, TimeSpan retryAfter)
    {
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Json(
            new OAuthErrorResponse(TemporarilyUnavailable, $"Too many failed authentications; retry after {seconds} s."),
            statusCode: StatusCodes.Status429TooManyRequests);
    }
}
