using Hub.Contracts.Sync;
using Hub.Scoring.Engine;
using MassTransit;

namespace Hub.Scoring.Facts;

/// <summary>Dossiers changed: their facts are applied, and the recompute loop is woken.</summary>
public sealed class DossiersChangedConsumer(FactWriter writer, RecomputeSignal signal) : IConsumer<DossiersChanged>
{
    public async Task Consume(ConsumeContext<DossiersChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = context.Message.Dossiers.Select(FactDerivation.Dossier).ToList();
        if (await writer.WriteDossiersAsync(facts, context.CancellationToken) > 0)
        {
            signal.Wake();
        }
    }
}
