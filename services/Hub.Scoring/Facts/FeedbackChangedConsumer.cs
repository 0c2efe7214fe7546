using Hub.Contracts.Sync;
using Hub.Scoring.Engine;
using MassTransit;

namespace Hub.Scoring.Facts;

/// <summary>Citizen feedback (PAKN) changed.</summary>
public sealed class FeedbackChangedConsumer(FactWriter writer, RecomputeSignal signal) : IConsumer<FeedbackChanged>
{
    public async Task Consume(ConsumeContext<FeedbackChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = context.Message.Feedback.Select(FactDerivation.Feedback).ToList();
        if (await writer.WriteFeedbackAsync(facts, context.CancellationToken) > 0)
        {
            signal.Wake();
        }
    }
}
