using System.Threading.Channels;
using Hub.Contracts.Scoring;

namespace Hub.Scoring.Live;

/// <summary>
/// One connected client's queue of score changes: bounded, so a client that does not keep up is
/// dropped (its queue completes) instead of holding up the others or growing without limit.
/// </summary>
public sealed class ScoreFeedSubscription
{
    private readonly Channel<IndicatorResult> _channel;
    private readonly Func<IndicatorResult, bool> _filter;
    private volatile bool _dropped;

    public ScoreFeedSubscription(Func<IndicatorResult, bool> filter, int capacity)
    {
        ArgumentNullException.ThrowIfNull(filter);
        _filter = filter;
        _channel = Channel.CreateBounded<IndicatorResult>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite answers false when full: the feed then drops the client
        });
    }

    public ChannelReader<IndicatorResult> Reader => _channel.Reader;

    /// <summary>True once the client was dropped for falling behind.</summary>
    public bool Dropped => _dropped;

    /// <summary>Queues the change if the client wants it; false when the client's queue is full.</summary>
    public bool Offer(IndicatorResult result) => !_filter(result) || _channel.Writer.TryWrite(result);

    public void Drop()
    {
        _dropped = true;
        _channel.Writer.TryComplete();
    }
}
