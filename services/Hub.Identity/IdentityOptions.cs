namespace Hub.Identity;

/// <summary>Settings under <c>Hub:Identity</c>; every one has a development default in appsettings.json.</summary>
public sealed record IdentityOptions
{
    public const string Section = "Hub:Identity";

    /// <summary>The <c>iss</c> of every token and the base of the discovery document's URLs.</summary>
    public string Issuer { get; init; } = "http://127.0.0.1:5100";

    /// <summary>The <c>aud</c> of every access token: the hub's resource servers as one audience.</summary>
    public string Audience { get; init; } = "hub";

    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Tolerated clock difference between the hub's machines when checking lifetimes.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a new client secret is valid unless the caller asks otherwise.</summary>
    public TimeSpan SecretLifetime { get; init; } = TimeSpan.FromDays(365);

    /// <summary>How long one signing key signs before the next takes over.</summary>
    public TimeSpan SigningKeyLifetime { get; init; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long before it signs the next key is published in the JWKS, so that validators that
    /// cache the JWKS know it before the first token it signs reaches them.
    /// </summary>
    public TimeSpan SigningKeyPublishLead { get; init; } = TimeSpan.FromDays(2);

    /// <summary>The seed file of the administrative tree, absolute, or relative to the content root or any folder above it.</summary>
    public string UnitsFile { get; init; } = "data/units/units.csv";

    public BruteForceOptions BruteForce { get; init; } = new();

    public DenyListReaderOptions DenyListReader { get; init; } = new();
}

/// <summary>
/// The client the gateway and the services load the deny-list with (tenant operator, scope
/// hub.revocations.read). When a secret is set, identity makes sure at start-up that the client
/// exists and accepts that secret, so a deployment hands one secret to identity and to the services
/// instead of registering the client by hand.
/// </summary>
public sealed record DenyListReaderOptions
{
    /// <summary>Base64url of 32 random bytes, as identity makes them: 43 characters.</summary>
    public const int MinSecretLength = 43;

    public string ClientId { get; init; } = "hub-services";

    /// <summary>Kept hashed like every other secret; unset, nothing is provisioned.</summary>
    public string? Secret { get; init; }

    public bool IsValid => Secret is null || (Secret.Length >= MinSecretLength && !string.IsNullOrWhiteSpace(ClientId));
}

/// <summary>Failed client authentications tolerated before the token endpoint slows a caller down.</summary>
public sealed record BruteForceOptions
{
    /// <summary>Failures of one client id from one address before backoff starts.</summary>
    public int FailuresPerClientAndAddress { get; init; } = 5;

    /// <summary>Failures from one address, over every client id, before the address is paused.</summary>
    public int FailuresPerAddress { get; init; } = 50;

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long failures are remembered when no new one arrives.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);
}
