namespace Hub.Cli;

/// <summary>Where the identity service is and which client hubctl authenticates as.</summary>
public sealed record CliSettings(Uri Url, string? ClientId, string? ClientSecret);
