using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hub.Identity.Tests;

/// <summary>Validates tokens the way a resource server does: discovery, then the published JWKS.</summary>
public static class Jwks
{
    public static async Task<JsonWebKeySet> FetchAsync(HttpClient http)
    {
        var discovery = await http.GetFromJsonAsync<JsonElement>(".well-known/openid-configuration");
        var jwks = await http.GetStringAsync(discovery.GetProperty("jwks_uri").GetString());
        return new JsonWebKeySet(jwks);
    }

    public static async Task<TokenValidationResult> ValidateAsync(HttpClient http, string token, string issuer, DateTimeOffset now)
    {
        var keys = await FetchAsync(http);
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = "hub",
            ValidTypes = ["at+jwt"],
            IssuerSigningKeys = keys.GetSigningKeys(),
            LifetimeValidator = (nbf, exp, _, _) => exp > now.UtcDateTime && (nbf is null || nbf <= now.UtcDateTime.AddMinutes(1)),
        });
    }
}
