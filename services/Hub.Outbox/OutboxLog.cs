using Microsoft.Extensions.Logging;

namespace Hub.Outbox;

internal static partial class OutboxLog
{
    [LoggerMessage(1, LogLevel.Debug, "Outbox relay published {Count} events")]
    public static partial void Published(ILogger logger, int count);

    [LoggerMessage(2, LogLevel.Warning, "Outbox relay pass failed; the events stay pending and are retried")]
    public static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Outbox LISTEN connection lost; relying on the poll until it is back")]
    public static partial void ListenFailed(ILogger logger, Exception exception);

    [LoggerMessage(4, LogLevel.Information, "Outbox clean-up deleted {Count} sent events")]
    public static partial void CleanedUp(ILogger logger, int count);
}
