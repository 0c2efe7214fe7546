namespace Hub.Identity;

/// <summary>The service's log events, source-generated.</summary>
public static partial class IdentityLog
{
    [LoggerMessage(1, LogLevel.Information, "Signing key {KeyId} created; it signs from {SignsFrom} until {SignsUntil}")]
    public static partial void SigningKeyCreated(ILogger logger, string keyId, DateTimeOffset signsFrom, DateTimeOffset signsUntil);

    [LoggerMessage(2, LogLevel.Warning, "Client authentication failed for client {ClientId} from {Address}")]
    public static partial void ClientAuthenticationFailed(ILogger logger, string clientId, string address);

    [LoggerMessage(3, LogLevel.Warning, "Token requests for client {ClientId} from {Address} are paused for {RetryAfter} after repeated failures")]
    public static partial void ClientAuthenticationThrottled(ILogger logger, string clientId, string address, TimeSpan retryAfter);


    [LoggerMessage(5, LogLevel.Information, "Seeded {Count} units from {File}")]
    public static partial void UnitsSeeded(ILogger logger, int count, string file);

    [LoggerMessage(6, LogLevel.Warning, "Units seed file {File} not found; only the national unit was created")]
    public static partial void UnitsFileMissing(ILogger logger, string file);

    [LoggerMessage(7, LogLevel.Information, "Bootstrap: created the operator tenant and admin client {ClientId}")]
    public static partial void Bootstrapped(ILogger logger, string clientId);

    [LoggerMessage(8, LogLevel.Information, "Bootstrap: created the deny-list reader client {ClientId} with the configured secret")]
    public static partial void DenyListReaderCreated(ILogger logger, string clientId);

    [LoggerMessage(9, LogLevel.Information, "Bootstrap: the deny-list reader client {ClientId} did not accept the configured secret; it was added")]
    public static partial void DenyListReaderSecretAdded(ILogger logger, string clientId);

    [LoggerMessage(10, LogLevel.Warning, "Bootstrap: client {ClientId} is configured as the deny-list reader but may do more than read the deny-list; the configured secret was not added")]
    public static partial void DenyListReaderNotProvisioned(ILogger logger, string clientId);
}
