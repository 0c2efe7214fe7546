using Microsoft.Net.Http.Headers;

namespace Hub.Scoring.Api;

/// <summary>
/// JSON unless the caller asks for CSV: <c>?format=csv</c> (for links a browser follows), or an
/// Accept header that ranks <c>text/csv</c> at least as high as <c>application/json</c>.
/// </summary>
public static class FormatNegotiation
{
    public const string Csv = "text/csv";
    public const string Json = "application/json";

    /// <summary>The format asked for, or null when <c>format</c> names neither (the caller gets a 400).</summary>
    public static ResponseFormat? Choose(HttpRequest request, string? format)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.IsNullOrEmpty(format))
        {
            return format.Trim() switch
            {
                "csv" => ResponseFormat.Csv,
                "json" => ResponseFormat.Json,
                _ => null,
            };
        }
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return ResponseFormat.Json;
        }
        var csv = Quality(accepted, Csv);
        var json = Quality(accepted, Json);
        return csv > 0 && csv >= json ? ResponseFormat.Csv : ResponseFormat.Json;
    }

    private static double Quality(IList<MediaTypeHeaderValue> accepted, string mediaType) =>
        accepted.Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1.0)
            .DefaultIfEmpty(0)
            .Max();
}
