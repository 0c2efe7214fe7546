namespace Hub.Identity.Tokens;

/// <summary>What a client presented: <c>client_secret_basic</c> or <c>client_secret_post</c>.</summary>
public sealed record ClientCredentials(string ClientId, string Secret);
