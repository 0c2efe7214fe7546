namespace Hub.Identity.Tokens;

/// <summary>A client whose secret checked out, with what its token will say.</summary>
public sealed record AuthenticatedClient(string ClientId, string TenantId, string UnitCode, IReadOnlyList<string> AllowedScopes, bool Enabled);
