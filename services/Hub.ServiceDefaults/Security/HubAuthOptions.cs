using Hub.ServiceDefaults.Configuration;
using Microsoft.Extensions.Configuration;

namespace Hub.ServiceDefaults.Security;

/// <summary>
/// How a service validates access tokens, from the <c>Hub:Auth</c> section. Any OAuth 2.0 server
/// that issues RFC 9068 tokens with the hub's claims can be the authority.
/// </summary>
/// <param name="Issuer">The expected <c>iss</c>; also where discovery and JWKS are fetched from.</param>
/// <param name="Audience">The expected <c>aud</c>.</param>
/// <param name="Jwks">A JSON Web Key Set given in configuration instead of fetched from the issuer,
/// for closed networks and tests.</param>
/// <param name="ClockSkew">How far clocks may disagree on <c>nbf</c> and <c>exp</c>.</param>
/// <param name="RequireHttpsMetadata">Refuse discovery over plain HTTP (on everywhere but development).</param>
public sealed record HubAuthOptions(string Issuer, string Audience, string? Jwks, TimeSpan ClockSkew, bool RequireHttpsMetadata)
{
    public const string Section = "Hub:Auth";

    public static HubAuthOptions From(IConfiguration configuration, bool isDevelopment)
    {
        var section = configuration.GetSection(Section);
        return new HubAuthOptions(
            Issuer: configuration.GetRequiredValue($"{Section}:Issuer"),
            Audience: section["Audience"] ?? "hub",
            Jwks: section["Jwks"],
            ClockSkew: TimeSpan.FromSeconds(section.GetValue("ClockSkewSeconds", 30)),
            RequireHttpsMetadata: section.GetValue("RequireHttpsMetadata", !isDevelopment));
    }
}
