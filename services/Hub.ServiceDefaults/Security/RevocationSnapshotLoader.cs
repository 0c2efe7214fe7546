using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hub.Contracts.Identity;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hub.ServiceDefaults.Security;

/// <summary>
/// Loads identity's deny-list when the process starts, because events published before this
/// process was listening never reach it, and again every few minutes, because a broker outage can
/// lose them too. Retries with backoff until identity answers.
/// </summary>
internal sealed partial class RevocationSnapshotLoader(
    RevocationSnapshotOptions options,
    RevocationList revocations,
    IHttpClientFactory clients,
    ILogger<RevocationSnapshotLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var snapshot = await LoadAsync(stoppingToken);
                revocations.Load(snapshot);
                Loaded(logger, snapshot.Tokens.Count, snapshot.DisabledClients.Count, snapshot.GeneratedAt);
                retry = TimeSpan.FromSeconds(1);
                await Task.Delay(options.Refresh, stoppingToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                LoadFailed(logger, options.SnapshotUrl, retry, ex.Message);
                await Task.Delay(retry, stoppingToken);
                retry = TimeSpan.FromSeconds(Math.Min(retry.TotalSeconds * 2, 30));
            }
        }
    }

    private async Task<DenyListSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        using var http = clients.CreateClient(nameof(RevocationSnapshotLoader));
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, options.TokenUrl)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        // client_secret_basic: both parts form-encoded before base64 (RFC 6749 §2.3.1).
        var credentials = $"{Uri.EscapeDataString(options.ClientId)}:{Uri.EscapeDataString(options.ClientSecret)}";
        tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        using var tokenResponse = await http.SendAsync(tokenRequest, cancellationToken);
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("access_token").GetString();

        using var snapshotRequest = new HttpRequestMessage(HttpMethod.Get, options.SnapshotUrl);
        snapshotRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var snapshotResponse = await http.SendAsync(snapshotRequest, cancellationToken);
        snapshotResponse.EnsureSuccessStatusCode();
        return await snapshotResponse.Content.ReadFromJsonAsync<DenyListSnapshot>(JsonSerializerOptions.Web, cancellationToken)
            ?? throw new JsonException("The deny-list snapshot was empty.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deny-list loaded: {Tokens} revoked tokens, {Clients} disabled clients, as of {GeneratedAt:O}.")]
    private static partial void Loaded(ILogger logger, int tokens, int clients, DateTimeOffset generatedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load the deny-list from {Url}; retrying in {Retry}: {Reason}")]
    private static partial void LoadFailed(ILogger logger, Uri url, TimeSpan retry, string reason);
}
