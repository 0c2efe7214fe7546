using System.Collections.Concurrent;
using Hub.Contracts.Scoring;

namespace Hub.Scoring.Live;

/// <summary>
/// This replica's fan-out of score changes to its connected stream clients. Every replica hears
/// every change (its own temporary queue), and hands each to the clients whose filter wants it,
/// never waiting on any of them.
/// </summary>
public sealed class ScoreFeed
{
    private readonly ConcurrentDictionary<ScoreFeedSubscription, byte> _subscriptions = new();

    public int Subscribers => _subscriptions.Count;

    public ScoreFeedSubscription Subscribe(Func<IndicatorResult, bool> filter, int capacity)
    {
        var subscription = new ScoreFeedSubscription(filter, capacity);
        _subscriptions.TryAdd(subscription, 0);
        return subscription;
    }

    public void Unsubscribe(ScoreFeedSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        _subscriptions.TryRemove(subscription, out _);
    }

    public void Publish(IReadOnlyList<IndicatorResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        foreach (var subscription in _subscriptions.Keys)
        {
            foreach (var result in results)
            {
                if (!subscription.Offer(result))
                {
                    subscription.Drop();
                    Unsubscribe(subscription);
                    break;
                }
            }
        }
    }
}
