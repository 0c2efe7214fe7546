namespace Hub.Identity.Tokens;

/// <summary>A client whose secret checked out, with what its token will say.</summary>
/// <param name="ReadAt">When the client's record was read: its token is dated no later, so a change
/// of the record after this moment always post-dates the token.</param>
/// <param name="TokensNotBefore">Tokens dated before this are refused (the client lost a scope or a secret).</param>
public sealed record AuthenticatedClient(
    string ClientId, string TenantId, string UnitCode, IReadOnlyList<string> AllowedScopes, bool Enabled,
    DateTimeOffset ReadAt, DateTimeOffset? TokensNotBefore);
