using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Hub.Scoring.Tests.Api;

/// <summary>Calls the scores API and checks what every caller relies on: status, media type, problem shape.</summary>
public static class ScoresHttp
{
    public const string Prefix = "/api/v1/scores/";

    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? accept = null, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Prefix + path, UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(ifNoneMatch));
        }
        return await client.SendAsync(request);
    }

    /// <summary>A 200 JSON body.</summary>
    public static async Task<JsonElement> JsonAsync(HttpClient client, string path)
    {
        using var response = await GetAsync(client, path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A 200 CSV body, asked for with Accept: text/csv.</summary>
    public static async Task<string> CsvAsync(HttpClient client, string path)
    {
        using var response = await GetAsync(client, path, accept: "text/csv");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return body;
    }

    /// <summary>An RFC 9457 problem with the given status.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static async Task<JsonElement> ProblemAsync(HttpClient client, string path, HttpStatusCode status)
    {
        using var response = await GetAsync(client, path);
        return await ProblemAsync(response, status);
    }

    /// <summary>A figure as shown (2 decimals) against the stored unrounded one.</summary>
    public static void Shown(double stored, double shown) =>
        Assert.True(Math.Abs(stored - shown) <= 0.005 + 1e-9, $"{shown} is not {stored} to 2 decimals");

    public static IEnumerable<JsonElement> Rows(JsonElement body) => body.GetProperty("rows").EnumerateArray();

    public static JsonElement Row(JsonElement body, string unitCode) =>
        Rows(body).Single(r => r.GetProperty("unitCode").GetString() == unitCode);
}
