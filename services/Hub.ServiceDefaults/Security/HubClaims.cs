namespace Hub.ServiceDefaults.Security;

/// <summary>Claim names of the hub's access tokens (RFC 9068 plus the hub's tenant and unit).</summary>
public static class HubClaims
{
    public const string ClientId = "client_id";
    public const string Scope = "scope";
    public const string Tenant = "tenant";
    public const string Unit = "unit";
    public const string TokenId = "jti";

    /// <summary>The JOSE header <c>typ</c> of an access token (RFC 9068 §2.1).</summary>
    public const string AccessTokenType = "at+jwt";
}
