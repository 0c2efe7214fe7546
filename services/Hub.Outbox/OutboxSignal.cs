using System.Threading.Channels;

namespace Hub.Outbox;

/// <summary>
/// Wakes the relay: set by a local commit or a NOTIFY from any replica. Holds at most one pending
/// wake-up, so a burst of commits costs one relay pass, not one per commit.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _wakeUps.Writer.TryWrite(true);

    /// <summary>Returns when notified or after <paramref name="timeout"/> (the fallback poll).</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _wakeUps.Reader.ReadAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed without a notification: look anyway.
        }
    }
}
