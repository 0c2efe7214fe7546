using Microsoft.Extensions.Configuration;

namespace Hub.ServiceDefaults.Security;

/// <summary>
/// Where to load identity's deny-list from at start-up and how often to load it again, from
/// <c>Hub:Auth:Revocations</c>; on only when a client is configured for it.
/// </summary>
public sealed record RevocationSnapshotOptions(Uri TokenUrl, Uri SnapshotUrl, string ClientId, string ClientSecret, TimeSpan Refresh)
{
    public const string Section = "Hub:Auth:Revocations";

    public static RevocationSnapshotOptions? From(IConfiguration configuration, HubAuthOptions auth)
    {
        var section = configuration.GetSection(Section);
        var clientId = section["ClientId"];
        if (string.IsNullOrEmpty(clientId))
        {
            return null;
        }

        var issuer = auth.Issuer.TrimEnd('/');
        return new RevocationSnapshotOptions(
            new Uri(section["TokenUrl"] ?? issuer + "/connect/token"),
            new Uri(section["SnapshotUrl"] ?? issuer + "/api/v1/revocations"),
            clientId,
            section["ClientSecret"] ?? throw new Configuration.MissingConfigurationException($"{Section}:ClientSecret is required with {Section}:ClientId."),
            TimeSpan.FromMinutes(section.GetValue("RefreshMinutes", 5.0)));
    }
}
