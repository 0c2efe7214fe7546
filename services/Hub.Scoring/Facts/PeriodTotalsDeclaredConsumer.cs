using Hub.Contracts.Sync;
using Hub.Scoring.Engine;
using MassTransit;

namespace Hub.Scoring.Facts;

/// <summary>Units declared their period totals.</summary>
public sealed class PeriodTotalsDeclaredConsumer(FactWriter writer, RecomputeSignal signal) : IConsumer<PeriodTotalsDeclared>
{
    public async Task Consume(ConsumeContext<PeriodTotalsDeclared> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = context.Message.Totals.Select(FactDerivation.DeclaredTotal).ToList();
        if (await writer.WriteDeclaredTotalsAsync(facts, context.CancellationToken) > 0)
        {
            signal.Wake();
        }
    }
}
