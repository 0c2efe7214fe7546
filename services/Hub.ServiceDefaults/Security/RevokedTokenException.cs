using Microsoft.IdentityModel.Tokens;

namespace Hub.ServiceDefaults.Security;

/// <summary>The token itself is sound, but it or its client has been revoked.</summary>
public sealed class RevokedTokenException() : SecurityTokenValidationException("The access token or its client has been revoked.");
