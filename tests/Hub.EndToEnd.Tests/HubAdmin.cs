using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Hub.EndToEnd.Tests;

/// <summary>What the journeys do as the operator and as a client, through the gateway's REST port.</summary>
internal static class HubAdmin
{
    /// <summary>A token by client credentials (RFC 6749 §4.4) from the token endpoint.</summary>
    public static async Task<string> TokenAsync(HttpClient rest, string clientId, string secret, string scope)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", scope)]),
        };
        var credentials = $"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        using var response = await rest.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Registers the tenant (already there is fine) and a client of it; returns the client's secret, shown once.</summary>
    public static async Task<string> RegisterClientAsync(
        HttpClient rest, string admin, (string Id, string Name, string Kind, string Unit) tenant, string clientId, string clientName, params string[] scopes)
    {
        using var tenantRequest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/tenants")
        {
            Content = JsonContent.Create(new { id = tenant.Id, name = tenant.Name, kind = tenant.Kind, unit = tenant.Unit }),
        };
        tenantRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var tenantResponse = await rest.SendAsync(tenantRequest);
        Assert.True(tenantResponse.IsSuccessStatusCode || tenantResponse.StatusCode == HttpStatusCode.Conflict,
            await tenantResponse.Content.ReadAsStringAsync());

        using var client = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/clients")
        {
            Content = JsonContent.Create(new { tenant = tenant.Id, id = clientId, name = clientName, scopes }),
        };
        client.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var response = await rest.SendAsync(client);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("secret").GetProperty("secret").GetString()!;
    }
}
