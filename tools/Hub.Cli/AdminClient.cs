using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Hub.Cli;

/// <summary>Calls the admin API with a client-credentials token and turns every failure into a <see cref="CliException"/>.</summary>
public sealed class AdminClient(HttpClient http, CliSettings settings) : IDisposable
{
    private string? _token;

    public async Task<string> GetTokenAsync(string? scope, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(settings.ClientId) || string.IsNullOrEmpty(settings.ClientSecret))
        {
            throw new CliException(ExitCodes.Usage, "No credentials: set HUB_CLIENT_ID and HUB_CLIENT_SECRET, or pass --client-id and --client-secret.");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.Url, "connect/token"));
        var basic = $"{Uri.EscapeDataString(settings.ClientId)}:{Uri.EscapeDataString(settings.ClientSecret)}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (!string.IsNullOrEmpty(scope))
        {
            form["scope"] = scope;
        }
        request.Content = new FormUrlEncodedContent(form);
        using var response = await SendAsync(request, cancellationToken);
        var body = await ReadJsonAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = body?.TryGetProperty("error", out var e) == true ? e.GetString() : null;
            var description = body?.TryGetProperty("error_description", out var d) == true ? d.GetString() : null;
            var code = response.StatusCode == HttpStatusCode.Unauthorized ? ExitCodes.AuthenticationFailed : ExitCodes.Failed;
            throw new CliException(code, $"Cannot get a token for '{settings.ClientId}': {error} {description}".TrimEnd());
        }
        return body!.Value.GetProperty("access_token").GetString()!;
    }

    public Task<JsonElement?> GetAsync(string path, CancellationToken cancellationToken) => SendAdminAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JsonElement?> PostAsync(string path, object? body, CancellationToken cancellationToken) => SendAdminAsync(HttpMethod.Post, path, body, cancellationToken);

    public Task<JsonElement?> PutAsync(string path, object body, CancellationToken cancellationToken) => SendAdminAsync(HttpMethod.Put, path, body, cancellationToken);

    public Task<JsonElement?> DeleteAsync(string path, CancellationToken cancellationToken) => SendAdminAsync(HttpMethod.Delete, path, null, cancellationToken);

    public void Dispose() => http.Dispose();

    private async Task<JsonElement?> SendAdminAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        _token ??= await GetTokenAsync("hub.admin", cancellationToken);
        using var request = new HttpRequestMessage(method, new Uri(settings.Url, path.TrimStart('/')));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: CliJson.Options);
        }
        using var response = await SendAsync(request, cancellationToken);
        var json = await ReadJsonAsync(response, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return json;
        }
        throw new CliException(ExitCodeOf(response.StatusCode), Describe(response.StatusCode, json));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new CliException(ExitCodes.Unreachable, $"Cannot reach the identity service at {settings.Url}: {exception.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Unreachable, $"The identity service at {settings.Url} did not answer in time.");
        }
    }

    private static async Task<JsonElement?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int ExitCodeOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => ExitCodes.AuthenticationFailed,
        HttpStatusCode.Forbidden => ExitCodes.Forbidden,
        HttpStatusCode.NotFound => ExitCodes.NotFound,
        HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => ExitCodes.Invalid,
        HttpStatusCode.Conflict => ExitCodes.Conflict,
        _ => ExitCodes.Failed,
    };

    /// <summary>The problem's title and detail, then one line per invalid field.</summary>
    private static string Describe(HttpStatusCode status, JsonElement? problem)
    {
        var text = new StringBuilder();
        text.Append(status switch
        {
            HttpStatusCode.Unauthorized => "The identity service refused the token (expired, revoked, or the client is disabled).",
            HttpStatusCode.Forbidden => "This client is not allowed to do that (it needs scope hub.admin).",
            _ => Property(problem, "detail") ?? Property(problem, "title") ?? $"The identity service answered {(int)status} {status}.",
        });
        if (problem is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errors.EnumerateObject())
            {
                foreach (var message in field.Value.EnumerateArray())
                {
                    text.Append('\n').Append("  ").Append(field.Name).Append(": ").Append(message.GetString());
                }
            }
        }
        return text.ToString();
    }

    private static string? Property(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
