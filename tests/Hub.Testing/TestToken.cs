namespace Hub.Testing;

/// <summary>What a test access token says; every property can be bent to build a bad token.</summary>
public sealed record TestToken(string Tenant, string Unit, IReadOnlyList<string> Scopes)
{
    public string ClientId { get; init; } = $"client-{Tenant}";
    public string? Issuer { get; init; }
    public string Audience { get; init; } = "hub";
    public string Type { get; init; } = "at+jwt";

    /// <summary>When the token starts to be valid, relative to now.</summary>
    public TimeSpan NotBeforeOffset { get; init; } = TimeSpan.Zero;

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Leaves out the tenant and unit claims.</summary>
    public bool WithoutTenant { get; init; }
}
