using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Hub.Scoring.Api;

/// <summary>
/// Strong ETags over everything a response depends on: the route and its parameters, the caller's
/// scope, the format, the version of the rows it was built from (snapshot ids), and the shipped
/// reference data (unit names, rule sets). Responses are marked <c>private, no-cache</c>: a client
/// may keep them but asks again each time, and gets a 304 while nothing changed.
/// </summary>
public static class EntityTags
{
    public static string For(params string?[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        return "\"" + Base64Url(hash.AsSpan(0, 18)) + "\"";
    }

    /// <summary>Sets ETag, Cache-Control and Vary; true when the caller's If-None-Match already names the tag.</summary>
    public static bool Stamp(HttpContext context, string etag)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = "private, no-cache";
        headers.Vary = "Accept, Authorization";
        return Matches(context.Request, etag);
    }

    private static bool Matches(HttpRequest request, string etag)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }
        // If-None-Match compares weakly (RFC 9110 §13.1.2): a W/ prefix does not matter.
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || string.Equals(t.Tag.Value, etag, StringComparison.Ordinal));
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
