using Hub.Contracts.Scoring;
using MassTransit;

namespace Hub.Scoring.Live;

/// <summary>Hands the service's own published score changes to this replica's stream clients.</summary>
public sealed class ScoreFeedConsumer(ScoreFeed feed) : IConsumer<IndicatorResultsPublished>
{
    public Task Consume(ConsumeContext<IndicatorResultsPublished> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        feed.Publish(context.Message.Results);
        return Task.CompletedTask;
    }
}
